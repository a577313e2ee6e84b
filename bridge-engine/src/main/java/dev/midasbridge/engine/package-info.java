/** The bridge a migrating game calls: both versions behind one API, with routing, safe retries and the journal. */
package dev.midasbridge.engine;
