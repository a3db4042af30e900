/** Bad in-use input (malformed JSON, a bad field, an invalid image reference); the message names where. */
export class InUseInputError extends Error {
  override name = "InUseInputError";
}
