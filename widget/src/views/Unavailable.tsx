import { describeError } from '../validation';
import { ApiError } from '../http';
import { useWidget } from './context';
import { AlertIcon } from './icons';
import { T } from '../i18n';

/** The campaign could not be loaded here: a refused site, a disabled campaign, no network. */
export function Unavailable() {
  const widget = useWidget();
  const t = widget.t.value;
  const code = widget.problem.value ?? 'NETWORK';
  return (
    <div class="body">
      <div class="center" role="alert">
        <span class="notice" aria-hidden="true">
          <AlertIcon />
        </span>
        <p>{describeError(new ApiError(code, code), t)}</p>
        {(code === 'NETWORK' || code === 'INTERNAL_SERVER_ERROR') && (
          <button class="secondary small" type="button" onClick={() => void widget.boot()}>
            {t(T.TryAgain)}
          </button>
        )}
      </div>
    </div>
  );
}
