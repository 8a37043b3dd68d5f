/* SPDX-License-Identifier: MIT */
/*
 * The command line of both programs, declared as data: a program has
 * global options and commands (kmod's tools/kmod.c shape); a command has
 * its options, operands, help and an example, and may have subcommands
 * (qbinfmt podman install).  From the declarations come getopt_long's
 * tables, every --help text and every option error, so that each is
 * written once:
 *
 *  - options are taken before and after the command, mixed with its
 *    operands (git, podman and systemctl take them there), except for a
 *    command whose operands are a command line of their own (sandbox);
 *  - `PROGRAM COMMAND --help`, `-h` and `PROGRAM help COMMAND` show the
 *    command's synopsis, options and example;
 *  - an option error is one line, `PROGRAM: COMMAND: unknown option
 *    '--x' (try 'PROGRAM COMMAND --help')`, and exit status 2.
 */
#ifndef QBINFMT_COMMAND_H
#define QBINFMT_COMMAND_H

#include <stdbool.h>
#include <stdio.h>

/* getopt_long returns `key`: the short letter when there is one, else a
 * code of CLI_KEY_BASE or above.  Lists end with an entry whose name is
 * NULL. */
#define CLI_KEY_BASE 0x100

struct cli_option {
	const char *name;   /* the long name, without "--" */
	int key;	    /* a letter is also its short form */
	const char *arg;    /* the argument's name in help ("DIR"); NULL: none */
	const char *help;   /* one line */
	bool hidden;	    /* accepted, not in --help (plumbing) */
	const char *values; /* the argument's choices, space-separated ("launcher native
			       auto"), for completion; NULL: free text, or a file, a folder
			       or a process as `arg` says (FILE, SRC, DIR, DIRS, PID) */
};

struct cli_command {
	const char *name;
	const char *operands;		  /* "[--all | TARGET...]", or NULL */
	const char *summary;		  /* one line, for the program's list */
	const char *description;	  /* a few lines under the synopsis, or NULL */
	const struct cli_option *options; /* or NULL */
	/* A list several commands share (the wiring options), or NULL. */
	const struct cli_option *shared_options;
	const char *example; /* lines, each a command */
	/* Options only before the first operand: the operands are a command
	 * line of their own (sandbox -- COMMAND...). */
	bool options_before_operands;
	/* Plumbing (the podman hook): works, but not listed. */
	bool hidden;
	/* argv[0] is the command's name; globals is the program's (struct
	 * cli_program), with the global options given so far: cli_parse()
	 * adds those given after the command. */
	int (*run)(const void *globals, int argc, char **argv);
	const struct cli_command *const *subcommands; /* NULL ends them; or NULL */
};

struct cli_program {
	const char *name;
	const char *operands; /* "COMMAND [ARGS...]" */
	const char *summary;
	const struct cli_option *global_options;
	/* What the global options fill in, handed to every command's run(). */
	void *globals;
	/* Take a global option into globals: 0, or -1 after one line on
	 * stderr. */
	int (*take_global)(void *globals, int key, const char *arg);
	const struct cli_command *const *commands; /* NULL ends them */
	/* Run when the first operand names no command (elfprobe: probe);
	 * NULL: usage error. */
	const struct cli_command *default_command;
	/* Completion: the words a TARGET operand can be (names, aliases). */
	void (*complete_targets)(FILE *out);
	const char *footer; /* exit status and the manual page */
};

/* main() of a program: global options, --help, --version, `help
 * COMMAND`, then the command.  Returns the exit status. */
int cli_main(const struct cli_program *program, int argc, char **argv);

/* A command's own parsing, called first by its run(): its options and
 * the program's global ones, --help.  take() gets each option of the
 * command (key and argument) and returns 0, or -1 after saying why.
 * Returns the index in argv of the first operand, CLI_DONE (help
 * shown: exit 0) or CLI_USAGE (one line said: exit 2).  Operands are
 * then argv[i..argc-1], in the order given. */
enum { CLI_USAGE = -1, CLI_DONE = 0 };
int cli_parse(const struct cli_command *command, int argc, char **argv,
	      int (*take)(void *context, int key, const char *arg), void *context);

/* What a take() says of a key it was not written for: one line naming
 * the bug, and -1. */
int cli_option_bug(int key);

/* The exit status for a cli_parse() result that is not an operand index. */
int cli_exit_status(int parsed);

/* "install", "podman install": the command running now, for messages. */
const char *cli_command_path(void);

/* A command with subcommands: dispatch argv[1] (cli_main does it for
 * commands whose run is NULL). */
int cli_run_subcommand(const struct cli_command *command, int argc, char **argv);

/*
 * Shell completion, from the same declarations: `PROGRAM __complete CWORD
 * WORD0 WORD1...` (what bash's completion function hands over) prints one
 * line saying what kind of word comes at CWORD ("words", "files",
 * "words+files", "dirs", "pids", "command", "none"), then the words.  cli_main()
 * answers it; completions/qbinfmt is the bash side.
 */
void cli_complete(int cword, int count, char **words, FILE *out);

/* --help of a command, on out. */
void cli_command_help(const struct cli_command *command, FILE *out);

#endif
