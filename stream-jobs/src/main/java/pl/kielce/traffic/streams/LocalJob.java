package pl.kielce.traffic.streams;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A job the demo's {@link LocalJobsMain} runs: it adds its pipeline (real Kafka sources and sinks, real
 * stores) to a fresh environment. Usually a method reference: {@code PassageCountJob::addToLocalStack}.
 */
@FunctionalInterface
public interface LocalJob {
    void addTo(StreamExecutionEnvironment env, LocalStack stack) throws Exception;
}
