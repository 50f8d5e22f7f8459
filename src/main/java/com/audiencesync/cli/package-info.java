/**
 * The command line: {@link com.audiencesync.cli.Cli} parses it with picocli before any
 * Spring application starts, one class per command ({@code run}, {@code restart},
 * {@code status}, {@code rejected}, {@code sandbox} ...), each starting only the part of
 * the application it needs ({@link com.audiencesync.cli.SpringContexts}). Beside the
 * commands: what a user reads of an error and the exit code it gives, the printing of
 * runs and previews, and the handling of SIGTERM and Ctrl-C that stops a running
 * execution after its chunk.
 */
package com.audiencesync.cli;
