/**
 * The console's languages, as pure functions over typed dictionaries: `messages.en.ts` is the
 * source of the keys, and the Spanish and Portuguese dictionaries must have exactly those keys
 * (the compiler refuses one that lacks or adds a key). See README, "Console languages".
 */
import type { ADMINISTRATION_EN } from './messages.administration.en';
import { EN } from './messages.en';

/** Every key: the shared dictionaries' and the administration screens' (messages.administration.*.ts). */
export type MessageKey = keyof typeof EN | keyof typeof ADMINISTRATION_EN;
/** What messages.{en,es,pt}.ts hold. */
export type Dictionary = { readonly [K in keyof typeof EN]: string };
/** What messages.administration.{en,es,pt}.ts hold. */
export type AdministrationDictionary = { readonly [K in keyof typeof ADMINISTRATION_EN]: string };
export type MessageParams = Readonly<Record<string, string | number>>;

export const UI_LANGUAGES = [
  { code: 'en', label: 'English', locale: 'en-GB' },
  { code: 'es', label: 'Español', locale: 'es-ES' },
  { code: 'pt', label: 'Português', locale: 'pt-BR' },
] as const;

export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];

export const isUiLanguage = (value: unknown): value is UiLanguage => UI_LANGUAGES.some((language) => language.code === value);

/** The stored choice first, then the browser's first language we speak, then English. */
export function pickLanguage(stored: string | null, browserLanguages: readonly string[]): UiLanguage {
  if (isUiLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(primary)) return primary;
  }
  return 'en';
}

/** Replaces `{name}` with params.name; a missing parameter stays visible as `{name}` rather than vanishing. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const localeOf = (language: UiLanguage): string => UI_LANGUAGES.find((candidate) => candidate.code === language)?.locale ?? 'en-GB';
