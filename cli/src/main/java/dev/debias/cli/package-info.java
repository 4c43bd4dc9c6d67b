/**
 * The {@code debias} command line: one front ({@link dev.debias.cli.DebiasCommand}) with a tool per stage,
 * fixed exit codes ({@link dev.debias.cli.ExitCodes}), progress on a terminal or as log lines, and library
 * messages whose setting names ({@link dev.debias.core.Setting}) are translated into this front's options.
 * It only parses options and delegates to the libraries; nothing depends on it.
 */
package dev.debias.cli;
