/**
 * A fast path for decoding (D-LOAD-1): from an io-ts codec's own structure, a predicate that is
 * true only for input the codec decodes to that very input (nothing missing, nothing of the wrong
 * type, no unknown field to drop). Such input skips io-ts's validation, which builds a context
 * for every field it visits; anything else goes through the codec, which reports every problem
 * with its path. The shape is written once, in the codec; the predicate is derived from it.
 *
 * Derived: exact objects over `t.type`, `t.partial` and their intersections; arrays (`t.array`,
 * `t.readonlyArray`); `t.keyof`; `t.string`, `t.number`, `t.boolean`; a plain `t.Type` (our
 * primitives) through its own `is`, which must accept exactly what it decodes unchanged. Any
 * other kind of codec gets a predicate that accepts nothing, so its input always takes the codec.
 * INVARIANT (L-DECODE-FAST): `accepts(u)` implies `codec.decode(u)` is `Right(u)`; so
 * `fastDecoder(codec)(u)` and `codec.decode(u)` are equal for every `u`.
 */
import * as t from 'io-ts';

/** True only for a value the codec decodes to that same value. */
export type Acceptor = (u: unknown) => boolean;

const acceptsNothing: Acceptor = () => false;

/** One field of an object codec: its name, its acceptor, and whether it must be present. */
interface Field {
  readonly key: string;
  readonly accepts: Acceptor;
  readonly required: boolean;
}

const isObjectRecord = (u: unknown): u is Readonly<Record<string, unknown>> => u !== null && typeof u === 'object' && !Array.isArray(u);

const fieldsOfProps = (props: t.Props, required: boolean): ReadonlyArray<Field> =>
  Object.entries(props).map(([key, codec]) => ({ key, accepts: acceptorOf(codec), required }));

const known = (fields: ReadonlyArray<Field> | undefined): fields is ReadonlyArray<Field> => fields !== undefined;

/** The fields of a `t.type`, a `t.partial` or an intersection of them; undefined for any other codec. */
const fieldsOf = (codec: t.Mixed): ReadonlyArray<Field> | undefined => {
  if (codec instanceof t.InterfaceType) return fieldsOfProps(codec.props, true);
  if (codec instanceof t.PartialType) return fieldsOfProps(codec.props, false);
  if (codec instanceof t.IntersectionType) {
    const parts: ReadonlyArray<t.Mixed> = codec.types;
    const each = parts.map(fieldsOf);
    return each.every(known) ? each.flat() : undefined;
  }
  return undefined;
};

/**
 * An object with these fields: a required one present and accepted, an optional one undefined
 * (absent, or present as `undefined`, which `t.partial` accepts and keeps) or accepted, and, when
 * exact, no own property besides them.
 */
const objectAcceptor = (fields: ReadonlyArray<Field>, exact: boolean): Acceptor => {
  const names = new Set(fields.map((f) => f.key));
  return (u) => {
    if (!isObjectRecord(u)) return false;
    for (const f of fields) {
      const value = u[f.key];
      if (value === undefined ? f.required : !f.accepts(value)) return false;
    }
    if (!exact) return true;
    const own = Object.getOwnPropertyNames(u);
    for (const key of own) if (!names.has(key)) return false;
    return true;
  };
};

const arrayAcceptor = (item: Acceptor): Acceptor => (u) => {
  if (!Array.isArray(u)) return false;
  const items: ReadonlyArray<unknown> = u;
  for (let i = 0; i < items.length; i += 1) if (!item(items[i])) return false;
  return true;
};

/** The acceptor of a codec, derived from its structure (see the module comment for the kinds). */
export const acceptorOf = (codec: t.Mixed): Acceptor => {
  if (codec instanceof t.ExactType) {
    const inner: t.Mixed = codec.type;
    const fields = fieldsOf(inner);
    return fields === undefined ? acceptsNothing : objectAcceptor(fields, true);
  }
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType || codec instanceof t.IntersectionType) {
    const fields = fieldsOf(codec);
    return fields === undefined ? acceptsNothing : objectAcceptor(fields, false);
  }
  if (codec instanceof t.ReadonlyArrayType || codec instanceof t.ArrayType) {
    const item: t.Mixed = codec.type;
    return arrayAcceptor(acceptorOf(item));
  }
  if (codec instanceof t.KeyofType) {
    const keys: Readonly<Record<string, unknown>> = codec.keys;
    return (u) => typeof u === 'string' && Object.prototype.hasOwnProperty.call(keys, u);
  }
  if (codec instanceof t.StringType) return (u) => typeof u === 'string';
  if (codec instanceof t.NumberType) return (u) => typeof u === 'number';
  if (codec instanceof t.BooleanType) return (u) => typeof u === 'boolean';
  if (Object.getPrototypeOf(codec) === t.Type.prototype) return (u) => codec.is(u);
  return acceptsNothing;
};

/** A validation equal to `codec.validate` that returns input the codec's acceptor takes as it is, without io-ts's work. */
export const fastValidate = <A, O>(codec: t.Type<A, O, unknown>): t.Validate<unknown, A> => {
  const accepts = acceptorOf(codec);
  return (u, c) => (accepts(u) ? t.success(u as A) : codec.validate(u, c));
};

/** A decoder equal to `codec.decode` (validation from io-ts's root context), through `fastValidate`. */
export const fastDecoder = <A, O>(codec: t.Type<A, O, unknown>): ((u: unknown) => t.Validation<A>) => {
  const validate = fastValidate(codec);
  return (u) => validate(u, [{ key: '', type: codec, actual: u }]);
};
