/** Every language a hall can choose (checked against shared/voice/languages.ts by a test). */
export declare const PACK_LANGUAGES: readonly string[];
/** Everything wrong with the packs under `packDir`; empty when every language's pack is complete. */
export declare function checkVoicePacks(
  packDir: string,
  options?: { required?: readonly string[] },
): string[];
