import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { ChatApi } from '../agent/chat-api';
import { describeError } from '../core/errors';
import { I18n } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/i18n';
import { SessionStore } from '../core/session.store';
import { formatDuration } from '../shared/chat-time';
import { datedFileName, downloadFile } from '../shared/download';
import {
  EMPTY_FILTER,
  exportQuery,
  filterFromParams,
  filterToParams,
  INTERACTION_STATES,
  rangeBackwards,
  toInteractionFilter,
  type RecordingsFilter,
} from './recordings-filter';
import { RECORDINGS, RECORDINGS_OPTIONS, type RecordingRow, type RecordingsOptions, type RecordingsPage as RecordingsPageData } from './recordings.operations';

const PAGE_SIZE = 20;

/** Every conversation, in hours or after: filtered, a page at a time, and exported as CSV. */
@Component({
  selector: 'parley-recordings',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './recordings.page.html',
  styleUrl: './recordings.page.css',
})
export class RecordingsPage {
  private readonly api = inject(ChatApi);
  private readonly router = inject(Router);
  private readonly session = inject(SessionStore);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly states = INTERACTION_STATES;

  protected readonly params = toSignal(inject(ActivatedRoute).queryParams, { initialValue: {} as Record<string, string> });
  /** The filter the list shows (from the address). */
  protected readonly applied = computed(() => filterFromParams(this.params()));
  /** The filter being edited in the form. */
  protected readonly draft = signal<RecordingsFilter>(EMPTY_FILTER);
  protected readonly options = signal<RecordingsOptions>({ campaigns: [], users: [] });
  protected readonly rows = signal<RecordingRow[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(true);
  protected readonly error = signal('');
  protected readonly exporting = signal(false);
  protected readonly exportError = signal('');
  /** The cursor each page starts after: page 1 starts at the beginning. */
  private readonly cursors = signal<(string | null)[]>([null]);
  protected readonly page = signal(0);
  private readonly nextCursor = signal<string | null>(null);
  protected readonly hasNext = computed(() => this.nextCursor() !== null);
  protected readonly backwards = computed(() => rangeBackwards(this.draft()));
  protected readonly range = computed(() => {
    const first = this.page() * PAGE_SIZE + 1;
    return this.t('recordings.range', { first: Math.min(first, this.total()), last: this.page() * PAGE_SIZE + this.rows().length, total: this.total() });
  });
  private request = 0;

  constructor() {
    void this.api
      .query<RecordingsOptions>(RECORDINGS_OPTIONS)
      .then((options) => this.options.set(options))
      .catch((error: unknown) => this.error.set(describeError(error, this.t)));
    effect(() => {
      const filter = this.applied();
      untracked(() => {
        this.draft.set(filter);
        this.cursors.set([null]);
        this.page.set(0);
        void this.load(filter, null);
      });
    });
  }

  protected edit<K extends keyof RecordingsFilter>(name: K, value: RecordingsFilter[K]): void {
    this.draft.update((filter) => ({ ...filter, [name]: value }));
  }

  protected apply(event: Event): void {
    event.preventDefault();
    if (this.backwards()) return;
    void this.router.navigate([], { queryParams: filterToParams(this.draft()) });
  }

  protected reset(): void {
    void this.router.navigate([], { queryParams: {} });
  }

  protected next(): void {
    const cursor = this.nextCursor();
    if (cursor === null) return;
    this.cursors.update((list) => [...list.slice(0, this.page() + 1), cursor]);
    this.page.update((page) => page + 1);
    void this.load(this.applied(), cursor);
  }

  protected previous(): void {
    if (this.page() === 0) return;
    this.page.update((page) => page - 1);
    void this.load(this.applied(), this.cursors()[this.page()] ?? null);
  }

  protected async exportCsv(): Promise<void> {
    this.exporting.set(true);
    this.exportError.set('');
    try {
      await downloadFile(`/exports/recordings.csv?${exportQuery(this.applied())}`, this.session.token(), datedFileName('parley-recordings'));
    } catch {
      this.exportError.set(this.t('recordings.exportFailed'));
    } finally {
      this.exporting.set(false);
    }
  }

  protected holdTime(row: RecordingRow): string {
    return row.holdSeconds === null ? '—' : formatDuration(row.holdSeconds);
  }

  protected stateLabel(row: RecordingRow): string {
    return this.t(`state.${row.state}` as MessageKey);
  }

  protected reasonLabel(row: RecordingRow): string {
    return row.closeReason ? this.t(`reason.${row.closeReason}` as MessageKey) : '';
  }

  protected stateOption(state: string): string {
    return this.t(`state.${state}` as MessageKey);
  }

  private async load(filter: RecordingsFilter, after: string | null): Promise<void> {
    const request = ++this.request;
    this.loading.set(true);
    this.error.set('');
    try {
      const data = await this.api.query<RecordingsPageData>(RECORDINGS, { filter: toInteractionFilter(filter), first: PAGE_SIZE, after });
      if (request !== this.request) return;
      this.rows.set(data.interactions.edges.map((edge) => edge.node));
      this.total.set(data.interactions.totalCount);
      this.nextCursor.set(data.interactions.pageInfo.hasNextPage ? data.interactions.pageInfo.endCursor : null);
    } catch (error) {
      if (request === this.request) this.error.set(describeError(error, this.t));
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }
}
