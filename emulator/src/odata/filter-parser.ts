// A small OData v4 `$filter` parser: eq ne gt ge lt le, and/or/not, parentheses, `in (…)`,
// startswith(prop,'x') and `coll/any(t: t eq 'x')`. Datetimes are unquoted, strings single-quoted
// with '' as the escape (OData v4, as in the MDE OData samples page). Anything else is an ODataQueryError.
import { ODataQueryError } from "../http/errors";

export type Literal =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "datetime"; value: number; text: string }
  | { kind: "guid"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" };

export type CompareOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

export type FilterNode =
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "not"; operand: FilterNode }
  | { kind: "compare"; op: CompareOp; property: string; value: Literal }
  | { kind: "in"; property: string; values: Literal[] }
  | { kind: "function"; name: string; property: string; value: Literal }
  | { kind: "any"; property: string; op: CompareOp; value: Literal };

type Token = { t: "lit"; lit: Literal } | { t: "ident"; v: string } | { t: "punc"; v: "(" | ")" | "," | "/" | ":" };

const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w-])/;
const IDENT = /^[A-Za-z_$][\w.$]*/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if ("(),/:".includes(ch)) {
      tokens.push({ t: "punc", v: ch as "(" });
      i++;
      continue;
    }
    if (ch === "'") {
      let s = "";
      i++;
      for (;;) {
        if (i >= input.length) throw new ODataQueryError("Unterminated string literal in $filter.");
        if (input[i] === "'") {
          if (input[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += input[i];
        i++;
      }
      tokens.push({ t: "lit", lit: { kind: "string", value: s } });
      continue;
    }
    const rest = input.slice(i);
    let m = GUID.exec(rest);
    if (m) {
      tokens.push({ t: "lit", lit: { kind: "guid", value: m[0].toLowerCase() } });
      i += m[0].length;
      continue;
    }
    m = DATETIME.exec(rest);
    if (m && !/^[\w.:-]/.test(rest.slice(m[0].length))) {
      const text = m[0];
      let iso = text;
      if (/^\d{4}-\d{2}-\d{2}Z?$/.test(text)) iso = `${text.slice(0, 10)}T00:00:00Z`;
      else if (!/(Z|[+-]\d{2}:\d{2})$/.test(text)) iso = `${text}Z`;
      const ms = Date.parse(iso);
      if (Number.isNaN(ms))
        throw new ODataQueryError(
          `The DateTimeOffset text '${text}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.`,
        );
      tokens.push({ t: "lit", lit: { kind: "datetime", value: ms, text } });
      i += text.length;
      continue;
    }
    m = NUMBER.exec(rest);
    if (m) {
      tokens.push({ t: "lit", lit: { kind: "number", value: Number(m[0]) } });
      i += m[0].length;
      continue;
    }
    m = IDENT.exec(rest);
    if (m) {
      const v = m[0];
      if (v === "true" || v === "false") tokens.push({ t: "lit", lit: { kind: "boolean", value: v === "true" } });
      else if (v === "null") tokens.push({ t: "lit", lit: { kind: "null" } });
      else tokens.push({ t: "ident", v });
      i += v.length;
      continue;
    }
    throw new ODataQueryError(`Syntax error at position ${i} in '${input}'.`);
  }
  return tokens;
}

const COMPARE_OPS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const FLIP: Record<CompareOp, CompareOp> = { eq: "eq", ne: "ne", gt: "lt", ge: "le", lt: "gt", le: "ge" };

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): FilterNode {
    const node = this.parseOr();
    if (this.pos < this.tokens.length) this.fail();
    return node;
  }

  private fail(): never {
    throw new ODataQueryError(`Syntax error at position ${this.pos} in '${this.source}'.`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) this.fail();
    return t;
  }
  private isKeyword(v: string): boolean {
    const t = this.peek();
    return t?.t === "ident" && t.v.toLowerCase() === v;
  }
  private expectPunc(v: string): void {
    const t = this.next();
    if (t.t !== "punc" || t.v !== v) this.fail();
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isKeyword("or")) {
      this.pos++;
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isKeyword("and")) {
      this.pos++;
      left = { kind: "and", left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.isKeyword("not")) {
      this.pos++;
      return { kind: "not", operand: this.parseUnary() };
    }
    const t = this.peek();
    if (t?.t === "punc" && t.v === "(") {
      this.pos++;
      const inner = this.parseOr();
      this.expectPunc(")");
      return inner;
    }
    return this.parsePrimary();
  }

  private literal(): Literal {
    const t = this.next();
    if (t.t !== "lit") this.fail();
    return t.lit;
  }

  private parsePrimary(): FilterNode {
    const t = this.next();
    if (t.t === "ident") {
      const after = this.peek();
      // function call: startswith(prop, 'x')
      if (after?.t === "punc" && after.v === "(") {
        const name = t.v.toLowerCase();
        this.pos++;
        const prop = this.next();
        if (prop.t !== "ident") this.fail();
        this.expectPunc(",");
        const value = this.literal();
        this.expectPunc(")");
        return { kind: "function", name, property: prop.v, value };
      }
      // lambda: prop/any(x: x eq 'v')
      if (after?.t === "punc" && after.v === "/") {
        this.pos++;
        const fn = this.next();
        if (fn.t !== "ident" || fn.v.toLowerCase() !== "any")
          throw new ODataQueryError(`Only 'any' lambda expressions are supported in $filter.`);
        this.expectPunc("(");
        const variable = this.next();
        if (variable.t !== "ident") this.fail();
        this.expectPunc(":");
        const ref = this.next();
        if (ref.t !== "ident" || ref.v !== variable.v) this.fail();
        const op = this.next();
        if (op.t !== "ident" || !COMPARE_OPS.has(op.v.toLowerCase())) this.fail();
        const value = this.literal();
        this.expectPunc(")");
        return { kind: "any", property: t.v, op: op.v.toLowerCase() as CompareOp, value };
      }
      const op = this.next();
      if (op.t !== "ident") this.fail();
      const opName = op.v.toLowerCase();
      if (opName === "in") {
        this.expectPunc("(");
        const values: Literal[] = [this.literal()];
        while (this.peek()?.t === "punc" && (this.peek() as { v: string }).v === ",") {
          this.pos++;
          values.push(this.literal());
        }
        this.expectPunc(")");
        return { kind: "in", property: t.v, values };
      }
      if (!COMPARE_OPS.has(opName)) throw new ODataQueryError(`The operator '${op.v}' is not supported in $filter.`);
      return { kind: "compare", op: opName as CompareOp, property: t.v, value: this.literal() };
    }
    if (t.t === "lit") {
      // literal on the left: 'x' eq prop
      const op = this.next();
      const prop = this.next();
      if (op.t !== "ident" || !COMPARE_OPS.has(op.v.toLowerCase()) || prop.t !== "ident") this.fail();
      return { kind: "compare", op: FLIP[op.v.toLowerCase() as CompareOp], property: prop.v, value: t.lit };
    }
    this.fail();
  }
}

export function parseFilter(input: string): FilterNode {
  const tokens = tokenize(input);
  if (tokens.length === 0) throw new ODataQueryError("The $filter query option is empty.");
  return new Parser(tokens, input).parse();
}
