import 'reflect-metadata';
import { loadConfig } from './src/config/config';
import { createDataSource } from './src/db/data-source';
import { model as dataModel } from './src/entities';

/** The TypeORM CLI's data source: `npx typeorm-ts-node-commonjs migration:generate migrations/<dialect>/<Name> -d ormconfig.ts`. */
export default createDataSource(loadConfig().database, dataModel);
