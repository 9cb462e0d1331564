/**
 * Values for parameter types that have no JSON form: `SecureString`, `PSCredential` and
 * `ScriptBlock`. Generated functions take these wrappers, and the invoker converts them on the
 * PowerShell side (`ConvertTo-SecureString`, `[pscredential]::new`, `[scriptblock]::Create`).
 *
 * A secret sits in a non-enumerable symbol-keyed property, so `JSON.stringify`, `console.log`,
 * string conversion, object spread and structured cloning leave it out; `revealSecureString`
 * returns it. This keeps secrets out of logs; it is no protection against code in the same process.
 */

const SECURE_STRING_BRAND = Symbol.for('cmdlet-ts.SecureStringValue');
const CREDENTIAL_BRAND = Symbol.for('cmdlet-ts.PSCredentialValue');
const SCRIPT_BLOCK_BRAND = Symbol.for('cmdlet-ts.ScriptBlockValue');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const SECRET = Symbol.for('cmdlet-ts.SecureStringValue.secret');
const REDACTED = '[SecureString]';

/** JSON form of a secure string: marks that a secret was there, never the secret. */
export interface RedactedSecret {
  $type: 'SecureString';
  redacted: true;
}

/** A secret for a `SecureString` parameter. Its text leaves the object only through `revealSecureString`. */
export class SecureStringValue {
  readonly [SECURE_STRING_BRAND] = true;

  private constructor() {}

  /** Wraps plain text, such as a password read from a vault, as a secure string. */
  static fromPlainText(plainText: string): SecureStringValue {
    if (typeof plainText !== 'string') {
      throw new TypeError(`Invalid secure string: expected plain text as a string, got ${typeof plainText}.`);
    }
    const value = new SecureStringValue();
    Object.defineProperty(value, SECRET, { value: plainText, enumerable: false, writable: false, configurable: false });
    return value;
  }

  /** Number of UTF-16 code units in the secret, as `SecureString.Length` counts them. */
  get length(): number {
    return readSecret(this)?.length ?? 0;
  }

  toJSON(): RedactedSecret {
    return { $type: 'SecureString', redacted: true };
  }

  toString(): string {
    return REDACTED;
  }

  [INSPECT](): string {
    return REDACTED;
  }
}

/** A user name and password for a `PSCredential` parameter. */
export class PSCredentialValue {
  readonly [CREDENTIAL_BRAND] = true;
  readonly userName: string;
  readonly password: SecureStringValue;

  constructor(userName: string, password: string | SecureStringValue) {
    if (typeof userName !== 'string' || userName.trim() === '') {
      throw new TypeError('Invalid credential: the user name is missing or blank. Pass a non-empty user name.');
    }
    this.userName = userName;
    this.password = isSecureStringValue(password) ? password : SecureStringValue.fromPlainText(password);
  }

  toJSON(): { $type: 'PSCredential'; userName: string; password: RedactedSecret } {
    return { $type: 'PSCredential', userName: this.userName, password: this.password.toJSON() };
  }

  toString(): string {
    return `PSCredential(${this.userName})`;
  }

  [INSPECT](): string {
    return this.toString();
  }
}

/** PowerShell source for a `ScriptBlock` parameter, kept apart from strings so code is never passed by accident. */
export class ScriptBlockValue {
  readonly [SCRIPT_BLOCK_BRAND] = true;
  readonly text: string;

  constructor(text: string) {
    if (typeof text !== 'string') {
      throw new TypeError(`Invalid script block: expected PowerShell source text as a string, got ${typeof text}.`);
    }
    this.text = text;
  }

  toJSON(): { $type: 'ScriptBlock'; text: string } {
    return { $type: 'ScriptBlock', text: this.text };
  }

  toString(): string {
    return `{${this.text}}`;
  }
}

/** Creates a secure string from plain text. */
export function secureString(plainText: string): SecureStringValue {
  return SecureStringValue.fromPlainText(plainText);
}

/** Creates a credential. A plain-text password is wrapped in a secure string at once. */
export function credential(userName: string, password: string | SecureStringValue): PSCredentialValue {
  return new PSCredentialValue(userName, password);
}

/** Creates a script block from PowerShell source text. */
export function scriptBlock(text: string): ScriptBlockValue {
  return new ScriptBlockValue(text);
}

/**
 * Returns the plain text of a secure string. It is meant for invokers, which hand the secret to
 * PowerShell. Never log or serialize the result.
 */
export function revealSecureString(value: SecureStringValue): string {
  const secret = readSecret(value);
  if (secret === undefined) {
    throw new TypeError('Invalid secure string: the value holds no secret. Create it with secureString() or SecureStringValue.fromPlainText().');
  }
  return secret;
}

function readSecret(value: SecureStringValue): string | undefined {
  const secret: unknown = (value as unknown as Record<symbol, unknown>)[SECRET];
  return typeof secret === 'string' ? secret : undefined;
}

/*
 * The guards test the brand, not `instanceof`, so values made by a second copy of this module
 * (two installed versions) are still recognised.
 */

export function isSecureStringValue(value: unknown): value is SecureStringValue {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SECURE_STRING_BRAND] === true;
}

export function isPSCredentialValue(value: unknown): value is PSCredentialValue {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CREDENTIAL_BRAND] === true;
}

export function isScriptBlockValue(value: unknown): value is ScriptBlockValue {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SCRIPT_BLOCK_BRAND] === true;
}
