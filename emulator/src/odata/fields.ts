// Typed, per-entity property tables. They decide which properties `$filter`/`$orderby` accept
// (an unlisted one is a 400 ODataError) and how a literal compares with the stored value.
import { ODataQueryError } from "../http/errors";
import { parseFilter, type CompareOp, type FilterNode, type Literal } from "./filter-parser";

export type FieldType = "string" | "enum" | "datetime" | "number" | "boolean" | "guid" | "stringList";

export interface FieldDef<T> {
  type: FieldType;
  /** datetime → epoch ms | null; stringList → string[]; others the plain value. */
  get: (item: T) => unknown;
  /** Ordered members; `severity gt 'Low'` compares by position like an OData enum. */
  enumValues?: readonly string[];
  filterable?: boolean;
  sortable?: boolean;
}

export interface EntityFields<T> {
  /** Used in error messages, e.g. `microsoft.windowsDefenderATP.api.PublicAlertDto`. */
  entityName: string;
  fields: Record<string, FieldDef<T>>;
  /** Properties whose filter clauses are silently ignored (reported Graph managedDevices quirk). */
  ignoredInFilter?: readonly string[];
}

export type Predicate<T> = (item: T) => boolean;

const EDM: Record<FieldType, string> = {
  string: "Edm.String",
  enum: "Edm.String",
  datetime: "Edm.DateTimeOffset",
  number: "Edm.Int64",
  boolean: "Edm.Boolean",
  guid: "Edm.Guid",
  stringList: "Collection(Edm.String)",
};
const OP_NAME: Record<CompareOp, string> = {
  eq: "Equal",
  ne: "NotEqual",
  gt: "GreaterThan",
  ge: "GreaterThanOrEqual",
  lt: "LessThan",
  le: "LessThanOrEqual",
};
const LIT_EDM: Record<Literal["kind"], string> = {
  string: "Edm.String",
  number: "Edm.Int32",
  datetime: "Edm.DateTimeOffset",
  guid: "Edm.Guid",
  boolean: "Edm.Boolean",
  null: "null",
};

function lookup<T>(entity: EntityFields<T>, name: string, option: "$filter" | "$orderby"): [string, FieldDef<T>] {
  const lower = name.toLowerCase();
  for (const [key, def] of Object.entries(entity.fields)) {
    if (key.toLowerCase() !== lower) continue;
    if (option === "$filter" && def.filterable === false) break;
    if (option === "$orderby" && !def.sortable) break;
    return [key, def];
  }
  throw new ODataQueryError(`The property '${name}' cannot be used in the ${option} query option.`);
}

/** Literal → comparable value for the field's type, or a type error like the OData library's. */
function coerce(def: FieldDef<unknown>, lit: Literal, op: CompareOp): unknown {
  if (lit.kind === "null") return null;
  const mismatch = () =>
    new ODataQueryError(
      `A binary operator with incompatible types was detected. Found operand types '${EDM[def.type]}' and '${LIT_EDM[lit.kind]}' for operator kind '${OP_NAME[op]}'.`,
    );
  switch (def.type) {
    case "datetime":
      if (lit.kind !== "datetime") throw mismatch();
      return lit.value;
    case "number":
      if (lit.kind !== "number") throw mismatch();
      return lit.value;
    case "boolean":
      if (lit.kind !== "boolean") throw mismatch();
      return lit.value;
    case "guid":
      if (lit.kind !== "guid" && lit.kind !== "string") throw mismatch();
      return String(lit.value).toLowerCase();
    case "enum":
      if (lit.kind !== "string") throw mismatch();
      if (def.enumValues && !def.enumValues.some((v) => v.toLowerCase() === lit.value.toLowerCase())) {
        throw new ODataQueryError(`The string '${lit.value}' is not a valid enumeration value.`);
      }
      return lit.value.toLowerCase();
    default:
      if (lit.kind !== "string") throw mismatch();
      return lit.value.toLowerCase();
  }
}

function normalize(def: FieldDef<unknown>, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (def.type === "string" || def.type === "enum" || def.type === "guid") return String(raw).toLowerCase();
  return raw;
}

function rank(def: FieldDef<unknown>, v: unknown): unknown {
  if (def.type === "enum" && def.enumValues && typeof v === "string") {
    return def.enumValues.findIndex((e) => e.toLowerCase() === v);
  }
  return v;
}

function compare(op: CompareOp, a: unknown, b: unknown): boolean {
  if (op === "eq") return a === b;
  if (op === "ne") return a !== b;
  if (a === null || b === null) return false;
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case "gt":
      return x > y;
    case "ge":
      return x >= y;
    case "lt":
      return x < y;
    default:
      return x <= y;
  }
}

function compile<T>(node: FilterNode, entity: EntityFields<T>): Predicate<T> {
  const ignored = (p: string) => entity.ignoredInFilter?.some((i) => i.toLowerCase() === p.toLowerCase()) ?? false;
  switch (node.kind) {
    case "and": {
      const l = compile(node.left, entity),
        r = compile(node.right, entity);
      return (x) => l(x) && r(x);
    }
    case "or": {
      const l = compile(node.left, entity),
        r = compile(node.right, entity);
      return (x) => l(x) || r(x);
    }
    case "not": {
      const inner = compile(node.operand, entity);
      return (x) => !inner(x);
    }
    case "compare": {
      if (ignored(node.property)) return () => true;
      const [, def] = lookup(entity, node.property, "$filter");
      const d = def as FieldDef<unknown>;
      if (def.type === "stringList") {
        if (node.op !== "eq" || node.value.kind !== "string")
          throw new ODataQueryError(`Use '${node.property}/any(t: t eq 'value')' to filter a collection.`);
        const want = node.value.value.toLowerCase();
        return (x) => (def.get(x) as string[]).some((s) => s.toLowerCase() === want);
      }
      const value = coerce(d, node.value, node.op);
      const target = rank(d, value);
      return (x) => compare(node.op, rank(d, normalize(d, def.get(x))), target);
    }
    case "in": {
      if (ignored(node.property)) return () => true;
      const [, def] = lookup(entity, node.property, "$filter");
      const d = def as FieldDef<unknown>;
      const set = new Set(node.values.map((v) => coerce(d, v, "eq")));
      return (x) => set.has(normalize(d, def.get(x)));
    }
    case "function": {
      if (node.name !== "startswith")
        throw new ODataQueryError(`The function '${node.name}' is not supported in $filter.`);
      if (ignored(node.property)) return () => true;
      const [, def] = lookup(entity, node.property, "$filter");
      if (node.value.kind !== "string" || (def.type !== "string" && def.type !== "enum")) {
        throw new ODataQueryError(
          `No function signature for the function with name 'startswith' matches the specified arguments.`,
        );
      }
      const prefix = node.value.value.toLowerCase();
      return (x) => {
        const v = def.get(x);
        return typeof v === "string" && v.toLowerCase().startsWith(prefix);
      };
    }
    case "any": {
      const [, def] = lookup(entity, node.property, "$filter");
      if (def.type !== "stringList" || node.value.kind !== "string")
        throw new ODataQueryError(`'any' is only supported on string collections.`);
      const want = node.value.value.toLowerCase();
      const op = node.op;
      return (x) => (def.get(x) as string[]).some((s) => compare(op, s.toLowerCase(), want));
    }
  }
}

export function compileFilter<T>(text: string, entity: EntityFields<T>): Predicate<T> {
  return compile(parseFilter(text), entity);
}

export type Comparator<T> = (a: T, b: T) => number;

/** `$orderby=severity desc, alertCreationTime` — nulls sort first ascending (OData convention). */
export function compileOrderBy<T>(text: string, entity: EntityFields<T>): Comparator<T> {
  const keys = text.split(",").map((part) => {
    const [name, dir, extra] = part.trim().split(/\s+/);
    if (!name || extra || (dir && !/^(asc|desc)$/i.test(dir)))
      throw new ODataQueryError(`Syntax error in $orderby '${text}'.`);
    const [, def] = lookup(entity, name, "$orderby");
    return { def: def as FieldDef<unknown>, sign: dir?.toLowerCase() === "desc" ? -1 : 1 };
  });
  return (a, b) => {
    for (const { def, sign } of keys) {
      const x = rank(def, normalize(def, def.get(a))) as number | string | null;
      const y = rank(def, normalize(def, def.get(b))) as number | string | null;
      if (x === y) continue;
      if (x === null) return -sign;
      if (y === null) return sign;
      return x < y ? -sign : sign;
    }
    return 0;
  };
}
