package dev.skein.loadtool.scenario;

import dev.skein.loadtool.report.Result;

/** One measurement against a server; options are read when the scenario is built. */
public interface Scenario {

    /** Runs the scenario to the end (every loop in it is bounded in count and time). */
    Result run(RunContext context) throws Exception;
}
