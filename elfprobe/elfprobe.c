/* SPDX-License-Identifier: MIT */
/* elfprobe: test binfmt_misc magic/mask tables against real ELF binaries. */
#include "options.h"
#include "probe.h"
#include "report.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

struct command {
	const char *name;
	int (*run)(const struct options *opts, const struct host *host, int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
    {"probe", do_probe, "describe FILEs and the entry the kernel would pick (the default)"},
    {"verify", do_verify, "check that the table picks each ELF file's own target"},
    {"lint", do_lint, "find entries that are wrong without looking at any binary"},
};

static void usage(FILE *out)
{
	fprintf(out, "Usage: elfprobe [OPTIONS] [probe] FILE...\n"
		     "       elfprobe [OPTIONS] verify [--host] PATH...\n"
		     "       elfprobe [OPTIONS] lint\n\n"
		     "Test binfmt_misc magic/mask tables against real ELF binaries.\n\n"
		     "Commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].help);
	fprintf(out,
		"\nOptions:\n"
		"  -t, --table SRC       the table: builtin (default), builtin-all, live,\n"
		"                        a register-string or binfmt.d file, a binfmt.d,\n"
		"                        Debian binfmt-support or binfmt_misc folder;\n"
		"                        repeat to register several, in order\n"
		"      --table-kind KIND read SRC as register, binfmt.d, debian or live\n"
		"      --host            verify: the host's own family must match nothing\n"
		"      --host-exe FILE   take the host's identity from FILE, not %s\n"
		"      --json            machine-readable output\n"
		"  -v, --verbose         verify: list every file, not only the findings\n"
		"  -h, --help            show this help\n"
		"      --version         show the version\n\n"
		"Exit status: 0 ok, 1 findings, 2 usage, 3 unreadable input.\n"
		"See elfprobe(1) for the details.\n",
		HOST_DEFAULT_EXE);
}

static int parse_kind(const char *text, enum table_kind *kind)
{
	static const struct {
		const char *name;
		enum table_kind kind;
	} kinds[] = {
	    {"auto", TABLE_AUTO},     {"register", TABLE_REGISTER}, {"binfmt.d", TABLE_BINFMT_D},
	    {"debian", TABLE_DEBIAN}, {"live", TABLE_LIVE},
	};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(text, kinds[i].name) == 0) {
			*kind = kinds[i].kind;
			return 0;
		}
	}
	return -1;
}

/* <0 error, 0 done (help shown), >0 go on: systemd's parse_argv() shape. */
static int parse_argv(int argc, char **argv, struct options *opts)
{
	enum { OPT_JSON = 0x100, OPT_HOST, OPT_HOST_EXE, OPT_TABLE_KIND, OPT_VERSION };
	static const struct option long_options[] = {
	    {"table", required_argument, NULL, 't'},
	    {"table-kind", required_argument, NULL, OPT_TABLE_KIND},
	    {"host", no_argument, NULL, OPT_HOST},
	    {"host-exe", required_argument, NULL, OPT_HOST_EXE},
	    {"json", no_argument, NULL, OPT_JSON},
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, OPT_VERSION},
	    {NULL, 0, NULL, 0},
	};
	int c;

	/* Options may come before or after the command and its operands.
	 * Errors are ours to report, with the program's short name. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":t:vh", long_options, NULL)) != -1) {
		switch (c) {
		case 't':
			if (!optarg[0]) {
				warn("--table: empty source");
				return -1;
			}
			if (opts->table_count == OPTIONS_MAX_TABLES) {
				warn("--table: at most %d sources", OPTIONS_MAX_TABLES);
				return -1;
			}
			opts->tables[opts->table_count++] = optarg;
			break;
		case OPT_TABLE_KIND:
			if (parse_kind(optarg, &opts->table_kind) < 0) {
				warn("--table-kind: '%s' is not register, binfmt.d, debian, live "
				     "or auto",
				     optarg);
				return -1;
			}
			break;
		case OPT_HOST:
			opts->host_native = true;
			break;
		case OPT_HOST_EXE:
			opts->host_exe = optarg;
			break;
		case OPT_JSON:
			opts->json = true;
			break;
		case 'v':
			opts->verbose++;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case OPT_VERSION:
			printf("elfprobe %s\n", PACKAGE_VERSION);
			return 0;
		case ':':
			warn("option '%s' needs an argument", argv[optind - 1]);
			return -1;
		default:
			if (optopt)
				warn("unknown option '-%c'", optopt);
			else
				warn("unknown option '%s'", argv[optind - 1]);
			return -1;
		}
	}
	return 1;
}

int main(int argc, char **argv)
{
	struct options opts = {.table_kind = TABLE_AUTO};
	const struct command *command = &commands[0];
	static struct host host;
	int r = parse_argv(argc, argv, &opts);

	if (r < 0) {
		fprintf(stderr, "Try 'elfprobe --help'.\n");
		return EXIT_USAGE;
	}
	if (r == 0)
		return EXIT_OK;
	for (size_t i = 0; optind < argc && i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[optind], commands[i].name) == 0) {
			command = &commands[i];
			optind++;
			break;
		}
	}
	if (opts.host_native && command->run != do_verify)
		die(EXIT_USAGE, "--host: only for verify (try 'elfprobe --help')");
	if (!probe_init())
		die(EXIT_INPUT, "libelf does not support this ELF version");
	r = host_identify(&host, opts.host_exe);
	if (r < 0 && opts.host_exe) {
		errno = -r;
		die_errno(EXIT_INPUT, "--host-exe %s", opts.host_exe);
	}
	return command->run(&opts, &host, argc - optind, argv + optind);
}
