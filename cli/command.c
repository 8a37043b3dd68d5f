/* SPDX-License-Identifier: MIT */
#include "command.h"

#include "report.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Options a command may have, its own and the program's, plus --help. */
#define MAX_OPTIONS 64

static const struct cli_program *program;
static char command_path[64];
const char *cli_command_path(void)
{
	return command_path;
}

static size_t option_count(const struct cli_option *options)
{
	size_t n = 0;

	while (options && options[n].name)
		n++;
	return n;
}

/* "  -a, --all" / "      --wiring HOW" */
static int option_label(const struct cli_option *o, char *out, size_t size)
{
	bool has_short = o->key > 0 && o->key < CLI_KEY_BASE;

	return snprintf(out, size, "  %c%c%s --%s%s%s", has_short ? '-' : ' ',
			has_short ? o->key : ' ', has_short ? "," : " ", o->name, o->arg ? " " : "",
			o->arg ? o->arg : "");
}

static void print_options(FILE *out, const char *heading, const struct cli_option *options)
{
	bool any = false;

	for (size_t i = 0; i < option_count(options); i++) {
		char label[96];
		if (options[i].hidden)
			continue;
		if (!any)
			fprintf(out, "\n%s:\n", heading);
		any = true;
		int n = option_label(&options[i], label, sizeof(label));
		if (n < 28)
			fprintf(out, "%-28s%s\n", label, options[i].help);
		else
			fprintf(out, "%s\n%-28s%s\n", label, "", options[i].help);
	}
}

static void print_commands(FILE *out, const struct cli_command *const *commands)
{
	for (size_t i = 0; commands && commands[i]; i++)
		if (!commands[i]->hidden)
			fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
}

static const struct cli_option help_option[] = {
    {"help", 'h', NULL, "show this help and exit", false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

void cli_command_help(const struct cli_command *c, FILE *out)
{
	fprintf(out, "Usage: %s %s%s%s%s\n%s.\n", program->name, command_path,
		!c->subcommands ? " [OPTIONS]" : "", c->operands ? " " : "",
		c->operands ? c->operands : "", c->summary);
	if (c->description)
		fprintf(out, "\n%s", c->description);
	if (c->subcommands) {
		fprintf(out, "\nCommands:\n");
		print_commands(out, c->subcommands);
	}
	print_options(out, "Options", c->options);
	print_options(out, "Wiring options", c->shared_options);
	print_options(out, "Global options (before or after the command)", program->global_options);
	print_options(out, "Help", help_option);
	if (c->example)
		fprintf(out, "\nExample:\n%s", c->example);
	if (c->subcommands)
		fprintf(out, "\nSee '%s %s COMMAND --help' for each command.\n", program->name,
			command_path);
}

static void program_help(FILE *out)
{
	fprintf(out, "Usage: %s [OPTIONS] %s\n%s.\n\nCommands:\n", program->name, program->operands,
		program->summary);
	print_commands(out, program->commands);
	print_options(out, "Global options (before or after the command)", program->global_options);
	fprintf(out, "\nHelp:\n"
		     "  -h, --help                show this help and exit\n"
		     "      --version             show the version and exit\n");
	fprintf(out, "\nSee '%s COMMAND --help' or '%s help COMMAND' for each command.\n%s",
		program->name, program->name, program->footer ? program->footer : "");
}

/* getopt_long's tables for these option lists; `prefix` starts optstring. */
static int build_tables(const struct cli_option *const *lists, size_t list_count,
			const char *prefix, struct option *longs, char *shorts, size_t shorts_size)
{
	size_t n = 0, s = 0;

	for (const char *p = prefix; *p && s + 1 < shorts_size; p++)
		shorts[s++] = *p;
	for (size_t l = 0; l < list_count; l++) {
		for (size_t i = 0; i < option_count(lists[l]); i++) {
			const struct cli_option *o = &lists[l][i];
			if (n + 1 >= MAX_OPTIONS || s + 3 >= shorts_size)
				return -1;
			longs[n++] = (struct option){
			    o->name, o->arg ? required_argument : no_argument, NULL, o->key};
			if (o->key > 0 && o->key < CLI_KEY_BASE) {
				shorts[s++] = (char)o->key;
				if (o->arg)
					shorts[s++] = ':';
			}
		}
	}
	longs[n] = (struct option){NULL, 0, NULL, 0};
	shorts[s] = '\0';
	return 0;
}

static const struct cli_option *find_key(const struct cli_option *options, int key)
{
	for (size_t i = 0; i < option_count(options); i++)
		if (options[i].key == key)
			return &options[i];
	return NULL;
}

/* One line for getopt's '?' and ':' answers.  The option as typed. */
static void option_error(int c, char **argv, const struct cli_command *command)
{
	char typed[64];
	const char *context = command_path[0] ? command_path : NULL;

	if (c == '?' && optopt && optopt < CLI_KEY_BASE)
		snprintf(typed, sizeof(typed), "-%c", optopt);
	else
		snprintf(typed, sizeof(typed), "%.*s", (int)strcspn(argv[optind - 1], "="),
			 argv[optind - 1]);
	char try[96];
	snprintf(try, sizeof(try), "try '%s%s%s --help'", program->name, context ? " " : "",
		 context ? context : "");
	if (c == ':') {
		const struct cli_option *o = command ? find_key(command->options, optopt) : NULL;
		if (!o && command)
			o = find_key(command->shared_options, optopt);
		if (!o)
			o = find_key(program->global_options, optopt);
		warn("%s%soption '%s' needs an argument%s%s (%s)", context ? context : "",
		     context ? ": " : "", typed, o ? " " : "", o ? o->arg : "", try);
	} else {
		warn("%s%sunknown option '%s' (%s)", context ? context : "", context ? ": " : "",
		     typed, try);
	}
}

int cli_parse(const struct cli_command *command, int argc, char **argv,
	      int (*take)(void *context, int key, const char *arg), void *context)
{
	const struct cli_option *lists[] = {command->options, command->shared_options,
					    program->global_options, help_option};
	struct option longs[MAX_OPTIONS];
	char shorts[2 * MAX_OPTIONS + 4];
	/* '-': operands come back in place (key 1), whatever POSIXLY_CORRECT
	 * says; '+': options end at the first operand.  ':' first: missing
	 * arguments are ours to report. */
	const char *prefix = command->options_before_operands ? "+:" : "-:";
	char **operands = calloc((size_t)argc + 1, sizeof(*operands));
	int operand_count = 0, c;

	if (!operands)
		die(EXIT_FAILURE_FOUND, "out of memory");
	if (build_tables(lists, 4, prefix, longs, shorts, sizeof(shorts)) < 0)
		die(EXIT_FAILURE_FOUND, "%s: too many options (a bug)", command_path);
	opterr = 0;
	optind = 0; /* 0, not 1: glibc then starts afresh, mode prefix included */
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == 1) {
			operands[operand_count++] = optarg;
			continue;
		}
		if (c == '?' || c == ':') {
			option_error(c, argv, command);
			free(operands);
			return CLI_USAGE;
		}
		if (c == 'h') {
			cli_command_help(command, stdout);
			free(operands);
			return CLI_DONE;
		}
		bool own = find_key(command->options, c) || find_key(command->shared_options, c);
		int r = own || !program->take_global
			    ? (take ? take(context, c, optarg) : -1)
			    : program->take_global(program->globals, c, optarg);
		if (r < 0) {
			free(operands);
			return CLI_USAGE;
		}
	}
	/* After "--" (or the first operand with '+'): all operands. */
	while (optind < argc)
		operands[operand_count++] = argv[optind++];
	int first = argc - operand_count;
	for (int i = 0; i < operand_count; i++)
		argv[first + i] = operands[i];
	free(operands);
	return first;
}

int cli_option_bug(int key)
{
	warn("%s: unhandled option %d (a bug)", command_path, key);
	return -1;
}

int cli_exit_status(int parsed)
{
	return parsed == CLI_DONE ? EXIT_OK : EXIT_USAGE;
}

static const struct cli_command *find_command(const struct cli_command *const *commands,
					      const char *name)
{
	for (size_t i = 0; commands && commands[i]; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

static void enter(const char *name)
{
	size_t used = strlen(command_path);
	snprintf(command_path + used, sizeof(command_path) - used, "%s%s", used ? " " : "", name);
}

static int run_command(const struct cli_command *c, int argc, char **argv)
{
	enter(c->name);
	if (c->run)
		return c->run(program->globals, argc, argv);
	return cli_run_subcommand(c, argc, argv);
}

int cli_run_subcommand(const struct cli_command *command, int argc, char **argv)
{
	/* Global options and --help may come before the subcommand. */
	int first = 1;

	while (first < argc && argv[first][0] == '-' && argv[first][1]) {
		if (!strcmp(argv[first], "-h") || !strcmp(argv[first], "--help")) {
			cli_command_help(command, stdout);
			return EXIT_OK;
		}
		const struct cli_option *o = NULL;
		for (size_t i = 0; i < option_count(program->global_options); i++) {
			const struct cli_option *g = &program->global_options[i];
			size_t len = strcspn(argv[first] + 2, "=");
			if (argv[first][1] == '-' && strlen(g->name) == len &&
			    !strncmp(argv[first] + 2, g->name, len))
				o = g;
			else if (argv[first][1] == g->key && !argv[first][2])
				o = g;
		}
		if (!o)
			die(EXIT_USAGE, "%s: unknown option '%.*s' (try '%s %s --help')",
			    command_path, (int)strcspn(argv[first], "="), argv[first],
			    program->name, command_path);
		const char *arg = NULL;
		if (o->arg) {
			const char *eq = strchr(argv[first], '=');
			if (eq)
				arg = eq + 1;
			else if (first + 1 < argc)
				arg = argv[++first];
			else
				die(EXIT_USAGE, "%s: option '--%s' needs an argument (%s)",
				    command_path, o->name, o->arg);
		}
		if (program->take_global(program->globals, o->key, arg) < 0)
			return EXIT_USAGE;
		first++;
	}
	if (first >= argc) {
		cli_command_help(command, stderr);
		return EXIT_USAGE;
	}
	const struct cli_command *sub = find_command(command->subcommands, argv[first]);
	if (!sub)
		die(EXIT_USAGE, "%s: unknown command '%s' (try '%s %s --help')", command_path,
		    argv[first], program->name, command_path);
	return run_command(sub, argc - first, argv + first);
}

static int show_help_of(int argc, char **argv)
{
	const struct cli_command *c = NULL;
	const struct cli_command *const *list = program->commands;

	for (int i = 1; i < argc; i++) {
		c = find_command(list, argv[i]);
		if (!c)
			die(EXIT_USAGE, "help: no command '%s%s%s' (try '%s --help')", command_path,
			    command_path[0] ? " " : "", argv[i], program->name);
		enter(c->name);
		list = c->subcommands;
	}
	if (!c)
		program_help(stdout);
	else
		cli_command_help(c, stdout);
	return EXIT_OK;
}

/* What a completion of an option's argument is, from its declaration. */
static void complete_argument(const struct cli_option *o, FILE *out)
{
	if (o->values) {
		fprintf(out, "words\n%s\n", o->values);
	} else if (!strcmp(o->arg, "DIR") || !strcmp(o->arg, "DIRS")) {
		fprintf(out, "dirs\n");
	} else if (!strcmp(o->arg, "FILE") || !strcmp(o->arg, "SRC") || !strcmp(o->arg, "RECORD") ||
		   !strcmp(o->arg, "SRC[:DST]")) {
		fprintf(out, "files\n");
	} else if (!strcmp(o->arg, "PID")) {
		fprintf(out, "pids\n");
	} else if (!strcmp(o->arg, "TARGET") && program->complete_targets) {
		fprintf(out, "words\n");
		program->complete_targets(out);
	} else {
		fprintf(out, "none\n");
	}
}

static void complete_options(const struct cli_option *options, FILE *out)
{
	for (size_t i = 0; i < option_count(options); i++) {
		if (options[i].hidden)
			continue;
		fprintf(out, "--%s\n", options[i].name);
		if (options[i].key > 0 && options[i].key < CLI_KEY_BASE)
			fprintf(out, "-%c\n", options[i].key);
	}
}

/* The option a word names (--name, --name=..., -x), in the lists. */
static const struct cli_option *option_named(const char *word,
					     const struct cli_option *const *lists, size_t n)
{
	for (size_t l = 0; l < n; l++) {
		for (size_t i = 0; i < option_count(lists[l]); i++) {
			const struct cli_option *o = &lists[l][i];
			size_t len = strcspn(word + 2, "=");
			if (word[0] == '-' && word[1] == '-' && strlen(o->name) == len &&
			    !strncmp(word + 2, o->name, len))
				return o;
			if (word[0] == '-' && word[1] && word[1] != '-' && !word[2] &&
			    o->key == word[1])
				return o;
		}
	}
	return NULL;
}

void cli_complete(int cword, int count, char **words, FILE *out)
{
	const struct cli_command *command = NULL;
	const struct cli_command *const *choices = program->commands;
	bool operands = false; /* options ended (--, or sandbox's COMMAND) */

	if (cword < 1 || cword > count)
		return;
	const char *cur = cword < count ? words[cword] : "";
	for (int i = 1; i < cword; i++) {
		const char *w = words[i];
		const struct cli_option *lists[] = {command ? command->options : NULL,
						    command ? command->shared_options : NULL,
						    program->global_options};
		if (operands)
			continue;
		if (!strcmp(w, "--")) {
			operands = command && command->options_before_operands;
			if (!operands)
				operands = true;
			continue;
		}
		if (w[0] == '-' && w[1]) {
			const struct cli_option *o = option_named(w, lists, 3);
			if (o && o->arg && !strchr(w, '=') && (w[1] == '-' || !w[2])) {
				if (i + 1 == cword) {
					complete_argument(o, out);
					return;
				}
				i++;
			}
			continue;
		}
		const struct cli_command *sub = find_command(choices, w);
		if (sub) {
			command = sub;
			choices = sub->subcommands;
			continue;
		}
		if (!command && program->default_command)
			command = program->default_command, choices = NULL;
		if (command && command->options_before_operands)
			operands = true; /* the command line that sandbox runs */
	}
	if (operands && command && command->options_before_operands) {
		fprintf(out, "command\n");
		return;
	}
	if (cur[0] == '-' && !operands) {
		fprintf(out, "words\n");
		if (command) {
			complete_options(command->options, out);
			complete_options(command->shared_options, out);
		}
		complete_options(program->global_options, out);
		fprintf(out, "--help\n-h\n");
		if (!command)
			fprintf(out, "--version\n");
		return;
	}
	if (choices && (!command || command->subcommands)) {
		/* elfprobe FILE: a command or the default command's file. */
		bool files = !command && program->default_command;
		fprintf(out, "%s\n", files ? "words+files" : "words");
		for (size_t i = 0; choices[i]; i++)
			if (!choices[i]->hidden)
				fprintf(out, "%s\n", choices[i]->name);
		if (!command)
			fprintf(out, "help\n");
		return;
	}
	const char *want = command ? command->operands : NULL;
	if (!want && !command && program->default_command)
		want = program->default_command->operands;
	if (want && (strstr(want, "TARGET") || strstr(want, "NAME")) && program->complete_targets) {
		fprintf(out, "words\n");
		program->complete_targets(out);
	} else if (want && (strstr(want, "FILE") || strstr(want, "SRC") || strstr(want, "PATH") ||
			    strstr(want, "RECORD"))) {
		fprintf(out, "files\n");
	} else if (!choices) {
		fprintf(out, "none\n");
	}
}

int cli_main(const struct cli_program *p, int argc, char **argv)
{
	const struct cli_option *lists[] = {p->global_options};
	struct option longs[MAX_OPTIONS];
	char shorts[2 * MAX_OPTIONS + 4];
	int c;

	program = p;
	report_close_stdout_at_exit();
	if (argc >= 3 && !strcmp(argv[1], "__complete")) {
		cli_complete(atoi(argv[2]), argc - 3, argv + 3, stdout);
		return EXIT_OK;
	}
	if (build_tables(lists, 1, "+:h", longs, shorts, sizeof(shorts)) < 0)
		die(EXIT_FAILURE_FOUND, "too many global options (a bug)");
	/* --help and --version, as getopt codes of their own. */
	size_t n = option_count(p->global_options);
	longs[n] = (struct option){"help", no_argument, NULL, 'h'};
	longs[n + 1] = (struct option){"version", no_argument, NULL, CLI_KEY_BASE - 1};
	longs[n + 2] = (struct option){NULL, 0, NULL, 0};
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == '?' || c == ':') {
			option_error(c, argv, NULL);
			return EXIT_USAGE;
		}
		if (c == 'h') {
			program_help(stdout);
			return EXIT_OK;
		}
		if (c == CLI_KEY_BASE - 1) {
			printf("%s %s\n", p->name, PACKAGE_VERSION);
			return EXIT_OK;
		}
		if (p->take_global(p->globals, c, optarg) < 0)
			return EXIT_USAGE;
	}
	int first = optind;
	if (first < argc && !strcmp(argv[first], "help"))
		return show_help_of(argc - first, argv + first);
	const struct cli_command *command =
	    first < argc ? find_command(p->commands, argv[first]) : NULL;
	if (command)
		return run_command(command, argc - first, argv + first);
	if (!p->default_command) {
		if (first >= argc) {
			program_help(stderr);
			return EXIT_USAGE;
		}
		die(EXIT_USAGE, "unknown command '%s' (try '%s --help')", argv[first], p->name);
	}
	/* elfprobe FILE...: the default command, its name put in front. */
	char **with_name = calloc((size_t)(argc - first) + 2, sizeof(*with_name));
	if (!with_name)
		die(EXIT_FAILURE_FOUND, "out of memory");
	with_name[0] = (char *)p->default_command->name;
	for (int i = first; i < argc; i++)
		with_name[i - first + 1] = argv[i];
	return run_command(p->default_command, argc - first + 1, with_name);
}
