import { parseArgs } from 'node:util';
import { NATIONAL_ROLES, parseRole, Role } from '../auth/roles';
import { signDevelopmentToken } from '../auth/tokens';
import { loadConfig } from '../config/config';

const USAGE = `Usage: npm run -s token -- [--org ODS] [--role ROLE]... [--sub SUBJECT] [--supplier CNSPID] [--expires 12h]
  Prints a development token (HS256, signed with JWT_SECRET or the generated dev secret).
  Defaults: --org RX1 --role CONTRACT_MANAGER, --expires the longest the server accepts
  (JWT_MAX_LIFETIME_SECONDS, 12h unless set). Roles: ${Object.values(Role).join(', ')}.
  National roles (${NATIONAL_ROLES.join(', ')}) count only at the national organisation
  (NATIONAL_ODS_CODE, X26 unless set): e.g. --org X26 --role CATALOGUE_ADMIN.
  Demo organisations: RX1, RX2, 0CX (a CSU acting for RX1 and RX2), Y0A01, X26 (NHS England).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      org: { type: 'string', default: 'RX1' },
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      supplier: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const roleNames = (values.role ?? ['CONTRACT_MANAGER']).flatMap((value) => value.split(','));
  const roles = roleNames.map((name) => {
    const role = parseRole(name.trim().toUpperCase());
    if (!role) throw new Error(`Unknown role "${name}". ${USAGE}`);
    return role;
  });
  const odsCode = values.org!.toUpperCase();
  const config = loadConfig();
  const ignored = roles.filter((role) => NATIONAL_ROLES.includes(role));
  if (ignored.length && odsCode !== config.auth.nationalOdsCode) {
    console.error(`Note: the server ignores ${ignored.join(', ')} outside the national organisation (${config.auth.nationalOdsCode}).`);
  }
  const token = await signDevelopmentToken(config, {
    subject: values.sub ?? `demo.${roles[0].toLowerCase()}@${odsCode.toLowerCase()}.nhs.example`,
    odsCode,
    roles,
    cnspId: values.supplier,
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
