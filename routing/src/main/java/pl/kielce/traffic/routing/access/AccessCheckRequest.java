package pl.kielce.traffic.routing.access;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/access-check}. Give a plate (looked up in the register) or vehicle facts. */
@Schema(description = "May this vehicle drive to the destination at this time?")
public record AccessCheckRequest(
        @Schema(description = "registration plate, looked up in the vehicle register; never stored or logged", example = "TK 12345") String plate,
        @Schema(description = "vehicle facts instead of a plate") Vehicle vehicle,
        @Schema(description = "ISO-8601 local date-time (offset accepted) when the trip starts", example = "2016-11-15T08:00:00") String time,
        @Schema(description = "where the trip starts, LAT,LON (needed for the car route)", example = "49.4700,8.5150") String origin,
        @Schema(description = "destination LAT,LON", example = "49.4875,8.4660") String destination) {

    @Schema(description = "Vehicle facts as in the central register")
    public record Vehicle(@Schema(example = "M1") String category, @Schema(example = "diesel") String fuel,
                          @Schema(example = "Euro 4") String euroNorm, @Schema(example = "2006") Integer productionYear) {
    }
}
