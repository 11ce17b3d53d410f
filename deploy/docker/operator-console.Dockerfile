# Operator console (Spring Boot). Build from the repository root:
#   docker build -f deploy/docker/operator-console.Dockerfile -t kielce-traffic/operator-console:0.1.0-SNAPSHOT .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -pl operator-console -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 console
COPY --from=build /src/operator-console/target/operator-console-0.1.0-SNAPSHOT.jar /opt/traffic/operator-console.jar
COPY cities/kielce /opt/traffic/cities/kielce
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/traffic/operator-console.jar"]
