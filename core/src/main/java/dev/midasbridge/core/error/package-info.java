/** The typed error taxonomy: every outcome of a failed call, each telling the caller what to do. */
package dev.midasbridge.core.error;
