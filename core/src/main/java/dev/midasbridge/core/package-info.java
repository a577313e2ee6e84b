/**
 * midas-bridge core: the one domain model both WeChat payment APIs are mapped onto.
 * Depends on no HTTP, JSON or dependency-injection library.
 */
package dev.midasbridge.core;
