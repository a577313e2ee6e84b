/** The CLI's configuration file: JSON naming everything, with secrets taken from environment variables. */
package dev.midasbridge.app.config;
