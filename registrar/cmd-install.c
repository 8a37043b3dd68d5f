/* SPDX-License-Identifier: MIT */
/* qbinfmt install [--all | TARGET...]: register emulators. */
#include "cmd-install.h"

#include "binfmt-dir.h"
#include "emulators.h"
#include "entry-overlap.h"
#include "install.h"
#include "registrar.h"
#include "report.h"
#include "target-entry.h"
#include "wire-targets.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const struct cli_option wiring_cli_options[] = {
    {"wiring", WIRING_OPTION, "HOW", "launcher, native or auto (decides per target, says why)",
     false, "launcher native auto"},
    {"open-binary", 'O', NULL, "the O flag: qemu gets an open descriptor of the binary", false,
     NULL},
    {"credentials", 'C', NULL, "the C flag (and O): setuid binaries run with their ids", false,
     NULL},
    {"fix-binary", 'F', NULL, "the F flag: the kernel opens the interpreter now", false, NULL},
    {"cpu", WIRING_CPU, "TARGET=MODEL",
     "qemu's -cpu for TARGET: a model, 'fast', or 'default' (qemu's own); repeat", false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

/* --cpu TARGET=MODEL: one per target, the last one given winning. */
static int take_cpu(const char *arg, struct wiring_options *o)
{
	static struct cpu_choice choices[64];
	const char *eq = strchr(arg, '=');
	char name[64];

	if (!eq || eq == arg || !eq[1] || (size_t)(eq - arg) >= sizeof(name)) {
		warn("%s: --cpu takes TARGET=MODEL, TARGET=fast or TARGET=default, not '%s'",
		     cli_command_path(), arg);
		return -1;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
	const struct target *t = target_lookup(name);
	if (!t) {
		warn("%s: --cpu: unknown target '%s' (see 'qbinfmt list' for names and aliases)",
		     cli_command_path(), name);
		return -1;
	}
	struct cpu_choice c = {.target = t, .model = eq + 1};
	if (!strcmp(c.model, "default"))
		c.asked = CPU_QEMU_DEFAULT;
	else if (!strcmp(c.model, "fast"))
		c.asked = CPU_FAST;
	else
		c.asked = CPU_MODEL;
	if (c.asked == CPU_FAST && !t->cpu_fast) {
		warn("%s: --cpu %s=fast: qbinfmt knows no faster model for %s than qemu's own",
		     cli_command_path(), name, t->name);
		return -1;
	}
	if (c.asked == CPU_MODEL && !launcher_cpu_valid(c.model)) {
		warn(
		    "%s: --cpu %s: '%s' is not a model name (letters, digits and _.,=+- only, at most %d)",
		    cli_command_path(), name, c.model, LAUNCHER_CPU_MAX);
		return -1;
	}
	size_t i = 0;
	while (i < o->cpu_count && choices[i].target != t)
		i++;
	if (i == sizeof(choices) / sizeof(choices[0]))
		return cli_option_bug(WIRING_CPU);
	choices[i] = c;
	if (i == o->cpu_count)
		o->cpu_count++;
	o->cpu = choices;
	return 0;
}

int wiring_take_option(int key, const char *arg, struct wiring_options *o)
{
	switch (key) {
	case WIRING_OPTION:
		if (!wiring_parse(arg, &o->wiring)) {
			warn("%s: --wiring must be launcher, native or auto, not '%s'",
			     cli_command_path(), arg);
			return -1;
		}
		return 1;
	case 'O':
		o->flags |= ENTRY_FLAG_OPEN_BINARY;
		return 1;
	case 'C':
		o->flags |= ENTRY_FLAG_CREDENTIALS | ENTRY_FLAG_OPEN_BINARY;
		return 1;
	case 'F':
		o->flags |= ENTRY_FLAG_FIX_BINARY;
		return 1;
	case WIRING_CPU:
		return take_cpu(arg, o) < 0 ? -1 : 1;
	}
	return 0;
}

static const struct cli_option install_options[] = {
    {"all", 'a', NULL, "every target this machine has a qemu for", false, NULL},
    {"force", 'f', NULL,
     "emulate a named target the host runs natively; take files another emulator's entry runs",
     false, NULL},
    {"runtime-dir", INSTALL_RUNTIME_DIR, "DIR", "where short links to long paths go", false, NULL},
    {"host", INSTALL_HOST, "ARCH",
     "with --dry-run: for another machine, ARCH[,+TARGET|,-TARGET]... (which of its family it runs natively)",
     false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

int install_take_option(void *context, int key, const char *arg)
{
	struct install_args *args = context;
	int r = wiring_take_option(key, arg, &args->wiring);

	if (r != 0)
		return r < 0 ? -1 : 0;
	switch (key) {
	case 'a':
		args->all = true;
		return 0;
	case 'f':
		args->force = true;
		return 0;
	case INSTALL_RUNTIME_DIR:
		args->wiring.runtime_dir = arg;
		return 0;
	case INSTALL_HOST:
		args->host_spec = arg;
		return 0;
	}
	return cli_option_bug(key);
}

void install_host(struct install_args *args, const struct selection *sel)
{
	const char *spec = args->host_spec;
	char why[256];

	if (!spec)
		return;
	if (host_parse(spec, &args->host, why, sizeof(why)) < 0)
		die(EXIT_USAGE, "%s: --host %s: %s", cli_command_path(), spec, why);
	args->wiring.host = &args->host;
	args->wiring.qemu_elsewhere = true;
	/* What cannot be known without running there is said. */
	for (size_t i = 0; i < sel->count; i++) {
		const struct target *t = sel->items[i];
		struct host_verdict v;
		host_judge(&args->host, t, &v);
		if (v.basis != HOST_ASSUMED)
			continue;
		if (v.native)
			warn(
			    "%s: --host %s: %s is left to the host's kernel (%s); --host %s,-%s emulates it",
			    cli_command_path(), spec, t->name, v.why, spec, t->name);
		else
			warn(
			    "%s: --host %s: %s is emulated (%s); --host %s,+%s leaves it to the host's kernel",
			    cli_command_path(), spec, t->name, v.why, spec, t->name);
	}
}

void install_args_init(struct install_args *args, enum wiring default_wiring,
		       enum wiring_place place)
{
	memset(args, 0, sizeof(*args));
	args->wiring = (struct wiring_options){
	    .wiring = default_wiring,
	    .place = place,
	    .runtime_dir = registrar_runtime_dir(),
	};
}

void wiring_options_globals(struct wiring_options *o, const struct global_options *global)
{
	o->qemu_dirs = global->qemu_dirs;
	o->launcher_dir = global->launcher_dir;
}

/* Entries of others that match the same binaries: the newest wins. */
static void warn_overlaps(const char *dir, const struct binfmt_entry *mine)
{
	struct table live;
	const char *target = mine->name + strlen(TARGET_ENTRY_PREFIX);

	int r = binfmt_dir_load(dir, &live);
	if (r < 0) {
		/* The entry is in; only the check for others' is lost. */
		errno = -r;
		warn_errno("%s: cannot read %s to look for entries that also match %s binaries",
			   cli_command_path(), dir, target);
		return;
	}
	for (size_t i = 0; i < live.count; i++) {
		const struct binfmt_entry *other = &live.items[i].entry;
		if (!strcmp(other->name, mine->name) || !other->enabled ||
		    !entry_overlap(other, mine))
			continue;
		if (other->type == ENTRY_EXTENSION)
			warn(
			    "%s: entry %s runs every file named *.%s, %s binaries too; the kernel runs the newest registration matching a file",
			    cli_command_path(), other->name, other->extension, target);
		else
			warn(
			    "%s: entry %s also matches %s binaries; the kernel runs the newest registration matching a file",
			    cli_command_path(), other->name, target);
	}
	table_free(&live);
}

/* Where another emulator's enabled entry runs the same files: the kernel
 * asks the newest registration first, so an entry of ours registered now
 * takes them from it, and one registered before it is passed over.
 * Either is done only with force, and then said; without, the row is
 * refused with the ways out.  *again: ours is there but shadowed, and
 * forced, so it is registered anew, after the others. */
static bool in_the_way(const struct table *live, const struct binfmt_entry *mine, bool force,
		       struct outcome_row *row, bool *again)
{
	char others[1024] = "", named[BINFMT_NAME_MAX + 64], first[BINFMT_NAME_MAX + 1] = "";
	size_t ours = live->count, used = 0;
	bool shadowed = false;

	*again = false;
	for (size_t i = 0; i < live->count; i++)
		if (!strcmp(live->items[i].entry.name, mine->name))
			ours = i;
	for (size_t i = live->count; i-- > 0;) {
		const struct binfmt_entry *other = &live->items[i].entry;
		if (i == ours || registrar_owns(other->name) || !other->enabled ||
		    other->type != ENTRY_MAGIC || !entry_overlap(other, mine))
			continue;
		/* Ours there and newer: it already wins, as chosen before. */
		if (ours < live->count && i < ours)
			continue;
		shadowed |= ours < live->count;
		if (!first[0])
			snprintf(first, sizeof(first), "%s", other->name);
		int n = snprintf(others + used, sizeof(others) - used, "%s%s", used ? ", " : "",
				 emulator_describe(other, named, sizeof(named)));
		used += n > 0 && (size_t)n < sizeof(others) - used ? (size_t)n : 0;
	}
	if (!first[0])
		return false;
	if (force) {
		*again = shadowed;
		return false;
	}
	if (shadowed)
		outcome_set(
		    row, "refused", false,
		    "%s is there, but its files go to %s, registered after it (the kernel asks the newest registration first): --force registers %s again, after them, or disable %s (qbinfmt disable --force %s)",
		    mine->name, others, mine->name, first, first);
	else
		outcome_set(
		    row, "refused", false,
		    "these files go to %s now: %s, registered after, would take them (the kernel asks the newest registration first): --force to take them, or disable %s first (qbinfmt disable --force %s)",
		    others, mine->name, first, first);
	return true;
}

void install_wired(const char *dir, bool dry_run, bool force, struct wired_target *wired,
		   size_t count)
{
	struct table live;

	table_init(&live);
	if (!dry_run && count > 0) {
		int r = binfmt_dir_load(dir, &live);
		if (r < 0) {
			errno = -r;
			die_errno(EXIT_INPUT, "%s: cannot read %s", cli_command_path(), dir);
		}
	}
	for (size_t i = 0; i < count; i++) {
		struct install_report report;
		struct outcome_row *row = wired[i].row;
		bool again;
		if (!dry_run && in_the_way(&live, &wired[i].wiring.entry, force, row, &again))
			continue;
		if (!dry_run && again) {
			/* Registered anew, it is the newest: taken out first. */
			int r = binfmt_dir_command(dir, wired[i].wiring.entry.name, "-1");
			if (r < 0 && r != -ENOENT) {
				outcome_set(row, "failed", false, "cannot write %s/%s: %s", dir,
					    wired[i].wiring.entry.name, strerror(-r));
				continue;
			}
		}
		if (dry_run) {
			char text[BINFMT_REGISTER_MAX + 1];
			if (entry_format(&wired[i].wiring.entry, text, sizeof(text)) < 0)
				die(EXIT_FAILURE_FOUND, "%s %s: cannot form a register string",
				    cli_command_path(), wired[i].target->name);
			printf("%s\n", text);
			continue;
		}
		if (wiring_make_link(&wired[i].wiring, row->detail, sizeof(row->detail)) < 0) {
			row->outcome = "failed";
			row->ok = false;
			continue;
		}
		install_entry(dir, &wired[i].wiring.entry, &report);
		row->outcome = install_outcome_name(report.outcome);
		if (report.outcome >= INSTALL_FAILED) {
			row->ok = false;
			install_describe(&report, row->detail, sizeof(row->detail));
			continue;
		}
		if (report.outcome != INSTALL_UNCHANGED)
			warn_overlaps(dir, &wired[i].wiring.entry);
	}
	table_free(&live);
}

static int run(const void *globals, int argc, char **argv)
{
	struct failure why, nothing;
	const struct global_options *global = globals;
	struct install_args args;
	struct binfmt_target where;
	struct selection sel;
	struct outcome_list rows;
	struct wired_target wired[64];

	install_args_init(&args, WIRING_LAUNCHER, PLACE_HOST);
	int first = cli_parse(&install_command, argc, argv, install_take_option, &args);
	if (first <= 0)
		return cli_exit_status(first);
	wiring_options_globals(&args.wiring, global);
	if (global->dry_run)
		refuse_namespace_of(global, "a dry run enters no namespace");
	if (args.host_spec && !global->dry_run)
		die(EXIT_USAGE,
		    "install: --host registers nothing here: add --dry-run for another machine's register strings, or use export");
	if (select_targets(args.all, argc - first, argv + first, &sel, &why) < 0)
		die_failure(&why);
	install_host(&args, &sel);
	outcome_list_init(&rows, "target", true);
	size_t n = wire_targets(&sel, &args.wiring, args.force, &rows, wired, &nothing);
	/* Mounted (in a user namespace: created) only for something to
	 * register. */
	if (!global->dry_run && n > 0)
		command_binfmt(global, BINFMT_ADD, &where);
	install_wired(global->binfmt_dir, global->dry_run, args.force, wired, n);
	if (global->dry_run)
		outcome_warn_failures(&rows);
	else
		outcome_print(&rows, global->json);
	int status = wired_status(&rows, &nothing);
	outcome_list_free(&rows);
	return status;
}

const struct cli_command install_command = {
    .name = "install",
    .operands = "[--all | TARGET...]",
    .summary = "register emulators",
    .description =
	"Registers each target's entry (named qbinfmt-TARGET) so that the kernel runs its\n"
	"binaries through qemu.  Never half done: an equal entry is left alone, a\n"
	"different one replaced and put back if the kernel refuses the new one, and\n"
	"every write is read back.  Targets the host runs natively (qbinfmt list:\n"
	"its own, and those of its family its kernel runs) are skipped, and no entry\n"
	"that would capture the host's own programs is ever registered.  With\n"
	"--dry-run, --host ARCH prints another machine's register strings.\n",
    .options = install_options,
    .shared_options = wiring_cli_options,
    .example = "  qbinfmt install --all --fix-binary\n"
	       "  qbinfmt install --wiring native arm64 riscv64\n",
    .run = run,
};
