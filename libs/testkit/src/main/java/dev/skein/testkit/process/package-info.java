/**
 * Child JVMs for real servers: started with their own classpath, logging to a file, waited for,
 * and always ended with the parent JVM (a shutdown hook for a normal exit, a watchdog agent in
 * the child for a parent killed with SIGKILL).
 */
package dev.skein.testkit.process;
