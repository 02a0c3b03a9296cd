package io.cellar.tools.shell.syntax;

import java.util.List;

/**
 * One parsed command call: {@code put 't1', 'r1', 'cf:a', 'v'} has command {@code put} and
 * four {@link ShellString} arguments. Argument values are ShellString, Long, Double, Boolean,
 * null (nil), {@code List<Object>} ([...]) and {@code Map<String, Object>} ({...}, keys in
 * the order written; trailing {@code KEY => value} pairs without braces form one Map too).
 */
public record Statement(String command, List<Object> args, int line) {}
