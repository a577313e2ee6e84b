/** The bridge assembled as an application: typed settings and the Guice module composing both adapters. */
package dev.midasbridge.app;
