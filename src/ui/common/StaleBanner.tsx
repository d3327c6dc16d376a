import { CONFIG_KEYS, fieldOf, RETRAIN_KEYS, SEARCH_KEYS, type Config, type ConfigKey } from '../../config';
import { useStore } from '../../state/store';

/** The keys (that change what trains) whose values differ between the run shown and the config panel. */
export function differingKeys(run: Config, now: Config): ConfigKey[] {
  return CONFIG_KEYS.filter(
    (k) => !RETRAIN_KEYS.includes(k) && !SEARCH_KEYS.includes(k) && fieldOf(k).encode(run[k] as never) !== fieldOf(k).encode(now[k] as never),
  );
}

const shown = (k: ConfigKey, c: Config) => fieldOf(k).encode(c[k] as never);

/**
 * Results on screen that another config produced (after a preset click or an edit) say so, name the keys that
 * differ, and offer to put the run's values back: nothing looks current when it is not.
 */
export function StaleBanner() {
  const runConfig = useStore((s) => (s.status === 'done' || s.status === 'stopped' || s.status === 'error' ? s.runConfig : null));
  const config = useStore((s) => s.config);
  const setConfig = useStore((s) => s.setConfig);
  if (!runConfig) return null;
  const keys = differingKeys(runConfig, config);
  if (keys.length === 0) return null;
  const listed = keys.slice(0, 6);
  return (
    <div className="banner warn inline stale" role="status" data-testid="stale-banner" data-keys={keys.join(',')}>
      <div>
        <b>The results below are from another config.</b> They were made with{' '}
        {listed.map((k, i) => (
          <span key={k}>
            {i > 0 && ', '}
            <code>
              {k}={shown(k, runConfig)}
            </code>{' '}
            (now {shown(k, config)})
          </span>
        ))}
        {keys.length > listed.length && <> and {keys.length - listed.length} more</>}. Press Run for results of the config on the left.
      </div>
      <button type="button" data-testid="stale-restore" onClick={() => setConfig(Object.fromEntries(keys.map((k) => [k, runConfig[k]])) as Partial<Config>)}>
        Use the run&apos;s config
      </button>
    </div>
  );
}
