import type { SecureStringValue } from '../../../generator/runtime/values.ts';

/** Hashtable of type `IContosoAddress`, as described in the help of New-ContosoWidget. */
export interface IContosoAddress {
  /** Street lines, first line first. */
  Lines?: string[];
  /** geo */
  Geo?: IContosoGeo;
}

/** Hashtable of type `IContosoContact`, as described in the help of New-ContosoWidget. */
export interface IContosoContact {
  /** Mail address; **required** for alerts. */
  Email?: string;
  /** address */
  Address?: IContosoAddress;
}

/** Hashtable of type `IContosoGeo`, as described in the help of New-ContosoWidget. */
export interface IContosoGeo {
  /**
   * Degrees north.
   * Negative south of the equator.
   */
  Latitude?: number | null;
  /** Degrees east. */
  Longitude?: number | null;
}

/** Hashtable of type `IContosoKeyValue`, as described in the help of New-ContosoWidget. */
export interface IContosoKeyValue {
  /** Attribute name. */
  Key: string;
  /** Attribute value. */
  Value?: string;
}

/** Hashtable of type `IContosoOwner`, as described in the help of New-ContosoWidget. */
export interface IContosoOwner {
  /** Name shown for the owner. */
  DisplayName?: string;
  /** contact */
  Contact?: IContosoContact;
  /** Any other property is allowed. */
  [property: string]: unknown;
}

/** Hashtable of type `IContosoWidget`, as described in the help of New-ContosoWidget, Update-ContosoWidget. */
export interface IContosoWidget {
  /**
   * Identifier of the widget.
   * Read-only.
   */
  Id?: string;
  CreatedDateTime?: Date | string | null;
  /** Parts of the widget. */
  Parts?: IContosoWidgetPart[];
  /** owner */
  Owner?: IContosoOwner;
  /** Shared secret for the widget API. */
  Secret?: SecureStringValue;
  /** Paint colour, such as `red`. */
  Color?: string;
  /** Any other property is allowed. */
  [property: string]: unknown;
}

/** Hashtable of type `IContosoWidgetPart`, as described in the help of New-ContosoWidget. */
export interface IContosoWidgetPart {
  /** Label of the part. */
  Label?: string;
  /** Size of the part in millimetres. */
  Size?: number | null;
  /** Parts fixed onto this part, described like their parent. */
  Children?: IContosoWidgetPart[];
  /** Free-form attributes: key and value, as in [Key `<String>`]: text. */
  Attributes?: IContosoKeyValue[];
}

/** Hashtable of type `IContosoWidgetsIdentity`, as described in the help of Update-ContosoWidget. */
export interface IContosoWidgetsIdentity {
  /** The unique identifier of a part */
  PartId?: string;
  /** The unique identifier of a widget */
  WidgetId?: string;
}
