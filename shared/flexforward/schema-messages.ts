/**
 * The request schemas (schemas.ts) speak the API's language, English: the simulator answers with
 * their messages as the API does, and they are the request's contract. Each message is also
 * registered here under its catalogue key (`errors:schema.*`), so that where a person reads it (a
 * form's field, a batch issue, main's field messages) it is shown in the operator's language:
 * shared/i18n/i18next.ts (main) and renderer/src/i18n.ts look a message up with schemaMessage().
 */

/** A message's catalogue key and its values; a value that is itself a catalogue key (a field's name) is translated first. */
export interface SchemaMessage {
  key: string;
  values: Readonly<Record<string, string>>;
}

/** A field as the messages name it: its English name and the key of its name in the catalogues. */
export interface SchemaField {
  en: string;
  key: string;
}

const byText = new Map<string, SchemaMessage>();
/** Messages built from input (unknown field names) are registered too, but never more than this many. */
const MAX_REGISTERED = 5_000;

/** `english`, registered under `key` with `values`. */
export function said(english: string, key: string, values: Record<string, string> = {}): string {
  if (!byText.has(english) && byText.size < MAX_REGISTERED) byText.set(english, { key, values });
  return english;
}

/** The catalogue key and values of a schema message, or undefined for any other text. */
export function schemaMessage(text: string): SchemaMessage | undefined {
  return byText.get(text);
}

/** Every message registered so far (test/unit/schema-messages-i18n.test.ts checks each against the catalogues). */
export function schemaMessages(): [string, SchemaMessage][] {
  return [...byText];
}
