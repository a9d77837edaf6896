/**
 * The benchmarks, run on purpose with {@code bench/run.sh}, never by the tests. Each reports ratios against a
 * baseline measured in the same run (Redis, COPY, a plain JDBC read); see the README's benchmark section.
 */
package discordcache.bench;
