# Journey planner (module routing, Spring Boot). Build from the repository root:
#   docker build -f deploy/docker/journey-planner.Dockerfile -t kielce-traffic/journey-planner:0.1.0-SNAPSHOT .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -pl routing -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 planner
COPY --from=build /src/routing/target/routing-0.1.0-SNAPSHOT.jar /opt/traffic/routing.jar
COPY cities/kielce /opt/traffic/cities/kielce
USER 10001
EXPOSE 8090
ENTRYPOINT ["java", "-jar", "/opt/traffic/routing.jar", \
            "--routing.zone-policy.pack=/opt/traffic/cities/kielce", \
            "--routing.park-and-ride=/opt/traffic/cities/kielce/routing.park-and-ride.geojson"]
