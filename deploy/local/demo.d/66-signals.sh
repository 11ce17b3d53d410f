# Signal timing in the demo: the signal-timing job (in LocalJobsMain) proposes plans from the flows of 65-flows.sh;
# they appear on the console's signal-plans page within a minute of the jobs being ready (the flow simulator back-fills
# 10 minutes). Settings for the demo's 60-s flow intervals (production: 5-min intervals, smoothing 3, re-propose 10 %):
# one-minute counts are noisy (≈ 20–40 vehicles per approach), so average over 5 intervals and re-propose only for
# ≥ 20 % less delay than the pending proposal — measured: ≤ 2 proposals per intersection in 15 simulated minutes
# (4 seeds), against up to 5 with the production settings (stream-jobs/README-signals.md). The jobs JVM inherits these.
export TRAFFIC_SIGNALS_SMOOTHING_INTERVALS="${TRAFFIC_SIGNALS_SMOOTHING_INTERVALS:-5}"
export TRAFFIC_SIGNALS_REPROPOSE_IMPROVEMENT_PERCENT="${TRAFFIC_SIGNALS_REPROPOSE_IMPROVEMENT_PERCENT:-20}"
DEMO_SUMMARY+=("Signals   proposed plans (expected change in delay) on the console's signal-plans page; decisions in jobs.log"
               "          ([signal-timing] lines); psql … -c 'SELECT plan_id, action, at FROM signal_plan_log ORDER BY at'")
