# Image for the FlinkDeployments (deploy/k8s/30-flink-*.yaml) and the compose file: Flink 2.2 + the shaded job jar
# + the city pack. Build from the repository root:  docker build -f deploy/docker/flink-jobs.Dockerfile -t kielce-traffic/flink-jobs:0.1.0-SNAPSHOT .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -pl stream-jobs -am package -DskipTests

FROM flink:2.2.0-java17
# Prometheus reporter (metrics.reporter.prom) ships in the distribution's opt/ folder
RUN cp /opt/flink/opt/flink-metrics-prometheus-*.jar /opt/flink/lib/ 2>/dev/null || true
COPY --from=build /src/stream-jobs/target/stream-jobs-0.1.0-SNAPSHOT-job.jar /opt/flink/usrlib/stream-jobs-job.jar
COPY cities/kielce /opt/traffic/cities/kielce
