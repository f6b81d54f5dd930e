import type { Logger } from 'pino';
import type { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { AppConfig } from '../config/config';
import { unauthenticated } from '../common/errors';
import type { Viewer } from './viewer';
import { Loaders } from './loaders';

/**
 * Everything a service needs about the current request: who is asking, which
 * organisations they may see, and the entity manager to use — the request's transaction
 * when there is one. Services take it as their first argument.
 */
export class RequestContext {
  private loaderRegistry?: Loaders;

  constructor(
    readonly requestId: string,
    readonly viewer: Viewer | null,
    readonly manager: EntityManager,
    readonly config: AppConfig,
    readonly log: Logger,
    private readonly inTransaction = false,
  ) {}

  /** the viewer, or UNAUTHENTICATED: for code paths that must never run anonymously */
  get requireViewer(): Viewer {
    if (!this.viewer) throw unauthenticated('Authentication required');
    return this.viewer;
  }

  /** ids of the organisations the viewer may see: their own and those it acts for */
  get organisationIds(): readonly number[] {
    return this.requireViewer.organisationIds;
  }

  get loaders(): Loaders {
    this.loaderRegistry ??= new Loaders(this);
    return this.loaderRegistry;
  }

  repository<T extends ObjectLiteral>(target: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(target);
  }

  /** Runs `work` in one transaction; nested calls join the outer one. */
  async transaction<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.manager.transaction((manager) =>
      work(new RequestContext(this.requestId, this.viewer, manager, this.config, this.log, true)),
    );
  }
}
