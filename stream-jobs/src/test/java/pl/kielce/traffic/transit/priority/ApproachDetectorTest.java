package pl.kielce.traffic.transit.priority;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.signals.model.TurnDirection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static pl.kielce.traffic.transit.priority.TspTestJunction.SETTINGS;
import static pl.kielce.traffic.transit.priority.TspTestJunction.at;
import static pl.kielce.traffic.transit.priority.TspTestJunction.fix;
import static pl.kielce.traffic.transit.priority.TspTestJunction.path;

/** Which movement of {@link TspTestJunction} a bus uses, from the side it comes from and the turn of its path. */
class ApproachDetectorTest {
    final ApproachDetector detector = new ApproachDetector(TspTestJunction.junctions(45), SETTINGS);

    @Test
    void fromTheEastStraightOnIsTheThroughMovementWithArrivalFromSpeedAndDistance() {
        // 120 m in 12 s = 10 m/s; 100 m to the centre − 15 m stop line setback = 85 m → 8.5 s
        Decoded<ApproachDetector.Approach> a = detector.detect(fix(220, 0, at(0) - 12), fix(100, 0, at(0)),
                path(new double[]{100, 0}, new double[]{-300, 0}));
        assertThat(a.isOk()).as(a.toString()).isTrue();
        assertThat(a.value().movementId()).isEqualTo("E-T");
        assertThat(a.value().turn()).isEqualTo(TurnDirection.THROUGH);
        assertThat(a.value().speedMetersPerSecond()).isCloseTo(10, within(0.01));
        assertThat(a.value().distanceToStopLineMeters()).isCloseTo(85, within(0.1));
        assertThat(a.value().arrivalInSeconds()).isCloseTo(8.5, within(0.01));
    }

    @Test
    void fromTheEastTurningLeftIsTheLeftTurnMovement() {
        // westbound (bearing 270°) then south (180°): −90° = left
        Decoded<ApproachDetector.Approach> a = detector.detect(fix(200, 0, at(0) - 10), fix(100, 0, at(0)),
                path(new double[]{100, 0}, new double[]{0, 0}, new double[]{0, -300}));
        assertThat(a.value().movementId()).isEqualTo("E-L");
        assertThat(a.value().turn()).isEqualTo(TurnDirection.LEFT);
    }

    @Test
    void fromTheNorthTurningRightAndFromTheWestStraightOn() {
        // southbound (180°) then west (270°): +90° = right, served by N (THROUGH, LEFT, RIGHT)
        assertThat(detector.detect(fix(0, 200, at(0) - 10), fix(0, 100, at(0)),
                path(new double[]{0, 100}, new double[]{0, 0}, new double[]{-300, 0})).value().movementId()).isEqualTo("N");
        assertThat(detector.detect(fix(-200, 0, at(0) - 10), fix(-100, 0, at(0)),
                path(new double[]{-100, 0}, new double[]{300, 0})).value().movementId()).isEqualTo("W-T");
    }

    @Test
    void aTurnNoMovementServesIsNotGuessed() {
        // from the west turning left (north): the model has no W-L
        assertThat(detector.detect(fix(-200, 0, at(0) - 10), fix(-100, 0, at(0)),
                path(new double[]{-100, 0}, new double[]{0, 0}, new double[]{0, 300})).reason())
                .isEqualTo("X1 has no movement from bearing 270° turning LEFT");
    }

    @Test
    void aPathEndingAtTheJunctionCountsAsStraightOn() {
        assertThat(detector.detect(fix(200, 0, at(0) - 10), fix(100, 0, at(0)),
                path(new double[]{100, 0}, new double[]{0, 0})).value().turn()).isEqualTo(TurnDirection.THROUGH);
    }

    @Test
    void pastTheStopLineIsNotAnApproach() {
        assertThat(detector.detect(fix(110, 0, at(0) - 10), fix(10, 0, at(0)),
                path(new double[]{10, 0}, new double[]{-300, 0})).reason()).isEqualTo("at or past the stop line of X1");
    }

    @Test
    void turnsFromTheChangeOfBearing() {
        assertThat(ApproachDetector.turnOf(ApproachDetector.angle(180 - 270))).isEqualTo(TurnDirection.LEFT);
        assertThat(ApproachDetector.turnOf(ApproachDetector.angle(0 - 270))).isEqualTo(TurnDirection.RIGHT);
        assertThat(ApproachDetector.turnOf(ApproachDetector.angle(350 - 10))).isEqualTo(TurnDirection.THROUGH);
        assertThat(ApproachDetector.turnOf(ApproachDetector.angle(90 - 270))).isEqualTo(TurnDirection.U_TURN);
    }
}
