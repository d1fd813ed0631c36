/** Loopback networking helpers: every server the testkit starts listens on 127.0.0.1 only. */
package dev.skein.testkit.net;
