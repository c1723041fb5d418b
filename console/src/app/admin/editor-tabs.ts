import { computed, signal, type ElementRef, type Signal } from '@angular/core';
import { LANGUAGES, languageOf, type Language } from './campaign-fields';
import { EDITOR_SECTIONS, sectionOf, type EditorSection } from './editor-sections';

type TabButtons = Signal<readonly ElementRef<HTMLButtonElement>[]>;

/** The tab a key moves to from `index` of `count` (WAI-ARIA tabs pattern); undefined for other keys. */
function tabAfterKey(key: string, index: number, count: number): number | undefined {
  return key === 'ArrowRight' ? (index + 1) % count
    : key === 'ArrowLeft' ? (index + count - 1) % count
    : key === 'Home' ? 0
    : key === 'End' ? count - 1
    : undefined;
}

/**
 * The campaign editor's two rows of tabs, its sections and its messages' languages, and which of
 * them is open. Arrow keys, Home and End move between the tabs of a row; selection follows focus.
 */
export class EditorTabs {
  readonly section = signal<EditorSection>('basic');
  /** Canned responses and members are for those who may change them. */
  readonly sections = computed(() => EDITOR_SECTIONS.filter((tab) => this.canManage() || (tab !== 'canned' && tab !== 'members')));
  readonly language = signal<Language>('en');

  constructor(
    private readonly canManage: Signal<boolean>,
    private readonly sectionTabs: TabButtons,
    private readonly languageTabs: TabButtons,
  ) {}

  onSectionKey(event: KeyboardEvent): void {
    const tabs = this.sections();
    const next = tabAfterKey(event.key, tabs.indexOf(this.section()), tabs.length);
    if (next === undefined) return;
    event.preventDefault();
    this.section.set(tabs[next]!);
    this.sectionTabs()[next]?.nativeElement.focus();
  }

  onLanguageKey(event: KeyboardEvent): void {
    const next = tabAfterKey(event.key, LANGUAGES.findIndex((language) => language.code === this.language()), LANGUAGES.length);
    if (next === undefined) return;
    event.preventDefault();
    this.language.set(LANGUAGES[next]!.code);
    this.languageTabs()[next]?.nativeElement.focus();
  }

  /** Opens the section, and the language tab, that hold a control (by its form path). */
  showControl(path: string, language?: Language): void {
    this.section.set(sectionOf(path));
    const tab = language ?? languageOf(path);
    if (tab) this.language.set(tab);
  }
}
