import { GraphQLError, Kind, parse, visit, type ASTNode, type DocumentNode } from 'graphql';
import { ErrorReason, type ReasonOf } from '../common/error-reasons';
import type { ErrorCode } from '../common/errors';

type InputReason = ReasonOf<ErrorCode.BAD_USER_INPUT>;

/** graphql-js's refusal of a variable's value: `Variable "$input" got invalid value 1.5 at "input.amount"; …` */
const VARIABLE_REFUSED =
  /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" (?:got invalid value .*? at "([^"]+)";|got invalid value |of required type |of non-null type )/s;

const VALUE_KINDS = new Set<string>([Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT]);

/**
 * The input at fault when graphql-js refused a value before any resolver ran: a variable
 * that does not coerce to its type, or an inline literal that does not fit its argument.
 * `field` is the path from the argument as domain errors give it (`input.amount`, also when
 * the value came in `$a` used as `input: { amount: $a }`); `reason` is the scalar's (Money,
 * LocalDate, DateTimeISO) or INVALID_VALUE. Undefined for every other error.
 */
export function inputFailure(error: GraphQLError): { field: string; reason: InputReason } | undefined {
  const variable = VARIABLE_REFUSED.exec(error.message);
  const node = error.nodes?.[0];
  if (!variable && !(node && VALUE_KINDS.has(node.kind))) return undefined;
  const document = documentOf(error);
  let field: string | undefined;
  if (variable) {
    const [, name, at] = variable;
    // graphql-js names the spot inside the variable as "name.lines[0].amount"; the first step is the variable itself
    const inside = (at ?? name!)
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .slice(1);
    const usage = document && inputPathOf(document, (candidate) => candidate.kind === Kind.VARIABLE && candidate.name.value === name);
    field = [...(usage ?? [`$${name}`]), ...inside].join('.');
  } else {
    const start = node!.loc?.start;
    const path =
      document && start !== undefined
        ? inputPathOf(document, (candidate) => VALUE_KINDS.has(candidate.kind) && candidate.loc?.start === start)
        : undefined;
    field = path?.join('.');
  }
  if (field === undefined) return undefined;
  return { field, reason: reasonOf(error) ?? ErrorReason.INVALID_VALUE };
}

/** The reason a scalar gave, wherever graphql-js and Apollo wrapped its error. */
function reasonOf(error: unknown): InputReason | undefined {
  for (
    let cause = error as { extensions?: { reason?: unknown }; originalError?: unknown } | undefined;
    cause;
    cause = cause.originalError as typeof cause
  ) {
    const reason = cause.extensions?.reason;
    if (typeof reason === 'string' && reason in ErrorReason) return reason as InputReason;
  }
  return undefined;
}

function documentOf(error: GraphQLError): DocumentNode | undefined {
  const source = error.source ?? error.nodes?.[0]?.loc?.source;
  if (!source) return undefined;
  try {
    return parse(source);
  } catch {
    return undefined;
  }
}

/** The path from an argument to the first node `matches` picks: argument, object fields and list positions. */
function inputPathOf(document: DocumentNode, matches: (node: ASTNode) => boolean): string[] | undefined {
  const path: string[] = [];
  let found: string[] | undefined;
  visit(document, {
    enter(node, key) {
      if (found) return false;
      if (node.kind === Kind.ARGUMENT) path.splice(0, path.length, node.name.value);
      else if (node.kind === Kind.OBJECT_FIELD) path.push(node.name.value);
      else if (path.length && typeof key === 'number') path.push(String(key));
      if (path.length && matches(node)) found = [...path];
      return undefined;
    },
    leave(node, key) {
      if (node.kind === Kind.ARGUMENT) path.length = 0;
      else if (node.kind === Kind.OBJECT_FIELD || (path.length && typeof key === 'number')) path.pop();
    },
  });
  return found;
}
