/** Credentials of both versions, player sessions and access tokens; every secret prints masked. */
package dev.midasbridge.core.credentials;
