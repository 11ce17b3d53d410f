# Camera gateway (module anpr: Tesseract + OpenCV). Build from the repository root:
#   docker build -f deploy/docker/camera-gateway.Dockerfile -t kielce-traffic/camera-gateway:0.1.0-SNAPSHOT .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -pl anpr -am package -DskipTests \
 && ./mvnw -B -ntp -pl anpr dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
 && rm -rf /var/lib/apt/lists/* && useradd --system --uid 10001 gateway
COPY --from=build /src/anpr/target/anpr-0.1.0-SNAPSHOT.jar /opt/traffic/anpr.jar
COPY --from=build /src/anpr/target/lib /opt/traffic/lib
COPY cities/kielce /opt/traffic/cities/kielce
ENV OMP_THREAD_LIMIT=1 TRAFFIC_ROOT=/opt/traffic
USER 10001
EXPOSE 8088
ENTRYPOINT ["java", "-Xss4m", "-cp", "/opt/traffic/anpr.jar:/opt/traffic/lib/*", "pl.kielce.traffic.anpr.AnprCli"]
CMD ["serve", "--port", "8088"]
