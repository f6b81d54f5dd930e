import { MigrationInterface, QueryRunner } from "typeorm";

export class SlaTerms1795578631499 implements MigrationInterface {
    name = 'SlaTerms1795578631499'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`sla_term\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`contractId\` int NOT NULL, \`kind\` varchar(20) NOT NULL, \`severity\` int NULL, \`resilience\` varchar(20) NULL, \`targetPercent\` varchar(12) NULL, \`targetMinutes\` int NULL, \`threshold\` varchar(12) NULL, \`statistic\` varchar(6) NULL, UNIQUE INDEX \`IDX_a1f10b2febc467fb97f9e7b817\` (\`contractId\`, \`kind\`, \`severity\`, \`resilience\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`sla_term\` ADD CONSTRAINT \`FK_15614979dcad054111d36ae0d1c\` FOREIGN KEY (\`contractId\`) REFERENCES \`contract\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`sla_term\` DROP FOREIGN KEY \`FK_15614979dcad054111d36ae0d1c\``);
        await queryRunner.query(`DROP INDEX \`IDX_a1f10b2febc467fb97f9e7b817\` ON \`sla_term\``);
        await queryRunner.query(`DROP TABLE \`sla_term\``);
    }

}
