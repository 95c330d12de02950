import { Gauge, type Registry } from 'prom-client';
import type { Logger } from 'pino';

/** A gauge without labels whose one value is read when Prometheus scrapes. */
export interface ReadAtScrapeOptions {
  name: string;
  help: string;
  registry: Registry;
  read: () => number | Promise<number>;
  /** A read slower than this is given up (a database that does not answer must not hold the scrape). */
  deadlineMs: number;
  log: Logger;
}

function withinDeadline<T>(value: T | Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([Promise.resolve(value), late]).finally(() => clearTimeout(timer));
}

/**
 * A gauge read at scrape time that drops out of the scrape when its read fails or is late,
 * instead of failing the whole scrape or reporting a made-up 0: `absent()` tells the two apart.
 * The first failure is logged as a warning, repeats at debug level, the recovery at info level.
 */
export class ReadAtScrapeGauge extends Gauge {
  private failing = false;

  constructor(private readonly options: ReadAtScrapeOptions) {
    super({ name: options.name, help: options.help, registers: [options.registry] });
  }

  override async get(): ReturnType<Gauge['get']> {
    const metric = await super.get();
    const { read, deadlineMs, log, name } = this.options;
    try {
      const value = await withinDeadline(read(), deadlineMs);
      if (this.failing) log.info({ metric: name }, 'monitoring: the gauge reads again');
      this.failing = false;
      return { ...metric, values: [{ value, labels: {} }] };
    } catch (err) {
      log[this.failing ? 'debug' : 'warn']({ err, metric: name }, 'monitoring: could not read the gauge; it is left out of the scrape');
      this.failing = true;
      return { ...metric, values: [] };
    }
  }
}
