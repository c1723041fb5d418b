import type { Language } from './campaign.enums';
import type { LocalizedText } from './campaign.types';

/** A campaign text in the visitor's language. */
export const textIn = (text: LocalizedText, language: Language): string => text[language.toLowerCase() as keyof LocalizedText];
