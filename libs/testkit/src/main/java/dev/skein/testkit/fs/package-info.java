/** File-system helpers for the data directories of the servers the testkit starts. */
package dev.skein.testkit.fs;
