/* SPDX-License-Identifier: MIT */
#include "wiring.h"
#include "distro.h"
#include "launcher-name.h"
#include "qemu-ask.h"
#include "qemu-find.h"
#include "kernel.h"
#include "target-entry.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

const char *wiring_name(enum wiring w)
{
	switch (w) {
	case WIRING_LAUNCHER:
		return "launcher";
	case WIRING_NATIVE:
		return "native";
	case WIRING_AUTO:
		return "auto";
	}
	return "?";
}

bool wiring_parse(const char *text, enum wiring *w)
{
	for (enum wiring i = WIRING_LAUNCHER; i <= WIRING_AUTO; i++) {
		if (strcmp(text, wiring_name(i)) == 0) {
			*w = i;
			return true;
		}
	}
	return false;
}

const char *wiring_default_launcher_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	struct stat st;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			if (snprintf(dir, sizeof(dir), "%s/launcher/libexec", exe) <
				(int)sizeof(dir) &&
			    stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
				return dir;
		}
	}
	return LAUNCHER_DIR;
}

/* The interpreter path to register: older kernels cut paths of 128 bytes
 * or more, so those go through a short link in the runtime folder, as
 * NixOS does with /run/binfmt.  Only named here: wiring_make_link() makes
 * it, when the entry is registered, so that a dry run writes nothing. */
static int short_interpreter(const char *path, const char *name, const struct wiring_options *o,
			     struct wiring_result *r, char *out, size_t size)
{
	if (strlen(path) < BINFMT_OLD_HEADER_SIZE || o->qemu_elsewhere)
		return snprintf(out, size, "%s", path) < (int)size ? 0 : -1;
	if (snprintf(out, size, "%s/%s", o->runtime_dir, name) >= (int)size ||
	    strlen(out) >= BINFMT_OLD_HEADER_SIZE) {
		snprintf(r->why, sizeof(r->why),
			 "interpreter path too long and runtime folder %.700s too deep",
			 o->runtime_dir);
		return -1;
	}
	snprintf(r->link_target, sizeof(r->link_target), "%s", path);
	return 0;
}

int wiring_make_link(const struct wiring_result *r, char *why, size_t why_size)
{
	const char *link = r->entry.interpreter;
	char dir[PATH_MAX], tmp[PATH_MAX + 32];

	if (!r->link_target[0])
		return 0;
	snprintf(dir, sizeof(dir), "%s", link);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir)
		*slash = '\0';
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		snprintf(why, why_size, "cannot create %.700s for a short interpreter link: %s",
			 dir, strerror(errno));
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp%d", link, (int)getpid());
	unlink(tmp);
	if (symlink(r->link_target, tmp) < 0 || rename(tmp, link) < 0) {
		snprintf(why, why_size, "cannot link %.400s to %.400s: %s", link, r->link_target,
			 strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static const char *const place_names[] = {
    [PLACE_HOST] = "this machine",
    [PLACE_SANDBOX] = "the sandbox",
    [PLACE_FOREIGN_ROOT] = "a foreign root",
    [PLACE_CONTAINER] = "containers",
};

/* "qemu 7.2" */
static const char *version_text(int version, char *buf, size_t size)
{
	if (version < 0)
		snprintf(buf, size, "qemu");
	else
		snprintf(buf, size, "qemu %d.%d", version / 100, version % 100);
	return buf;
}

int wiring_decide(const struct wiring_facts *f, enum wiring asked, unsigned flags,
		  enum wiring_place place, enum wiring *chosen, char *why, size_t why_size)
{
	bool secure = flags & ENTRY_FLAG_CREDENTIALS;
	bool qemu_honours_p = f->kernel_at_flags && f->qemu_version >= 600;
	/* Inside a container neither the host's qemu path nor /proc/1/root
	 * (the container's own init) leads to the host's files: only the
	 * native wiring with F, which the kernel opens at registration. */
	bool launcher_works = place != PLACE_CONTAINER;
	char qemu[32];

	version_text(f->qemu_version, qemu, sizeof(qemu));
	why[0] = '\0';
	if (place >= PLACE_FOREIGN_ROOT && !f->qemu_static) {
		snprintf(why, why_size, "is dynamically linked and cannot run inside %s",
			 place_names[place]);
		return -1;
	}
	if (!launcher_works && secure) {
		snprintf(
		    why, why_size,
		    "the C flag needs the launcher (it guards a privileged qemu), and the launcher cannot reach qemu inside containers");
		return -1;
	}
	if (!launcher_works && asked == WIRING_LAUNCHER) {
		snprintf(
		    why, why_size,
		    "the launcher cannot reach qemu inside containers (their /proc/1 is their own init): use --wiring native or auto");
		return -1;
	}
	if (secure && asked == WIRING_NATIVE) {
		snprintf(
		    why, why_size,
		    "the C flag with the native wiring would hand the caller's QEMU_* variables to a privileged qemu: use the launcher");
		return -1;
	}
	if (asked == WIRING_NATIVE || (asked == WIRING_AUTO && !launcher_works)) {
		if (f->model && f->model_asked) {
			snprintf(
			    why, why_size,
			    "--cpu %s needs the launcher, which passes it to qemu (qemu registered itself takes no options)%s",
			    f->model,
			    launcher_works
				? ": use --wiring launcher or auto"
				: ", and the launcher cannot reach qemu inside containers");
			return -1;
		}
		if (!qemu_honours_p && f->qemu_version >= 0 && f->qemu_version < 600) {
			snprintf(
			    why, why_size,
			    "%s reads no preserve-argv0 flag (needs 6.0+): argv[0] would be lost%s",
			    qemu,
			    launcher_works
				? "; use the launcher"
				: ", and the launcher cannot reach qemu inside containers");
			return -1;
		}
		if (!f->kernel_at_flags) {
			snprintf(
			    why, why_size,
			    "Linux before %s does not tell qemu about P: argv[0] would be lost",
			    kernel_feature_version(KERNEL_AT_FLAGS));
			return -1;
		}
		*chosen = WIRING_NATIVE;
		int n = 0;
		if (asked == WIRING_AUTO)
			n = snprintf(
			    why, why_size,
			    "static %s honours P; the launcher cannot reach qemu inside containers",
			    qemu);
		if (f->model && n >= 0 && (size_t)n < why_size)
			snprintf(why + n, why_size - (size_t)n,
				 "%s%s's own CPU: registered itself, qemu takes no -cpu %s",
				 n ? "; " : "", qemu, f->model);
		return 0;
	}
	if (asked == WIRING_LAUNCHER) {
		*chosen = WIRING_LAUNCHER;
		if (f->model)
			snprintf(why, why_size, "-cpu %s for %s", f->model, qemu);
		return 0;
	}
	*chosen = WIRING_LAUNCHER;
	if (secure)
		snprintf(why, why_size,
			 "C flag: only the launcher keeps QEMU_* from a privileged qemu");
	else if (!f->qemu_static)
		snprintf(why, why_size,
			 "dynamic qemu: the launcher keeps LD_* from the host loader");
	else if (!f->kernel_at_flags)
		snprintf(why, why_size, "kernel before %s does not tell qemu about P",
			 kernel_feature_version(KERNEL_AT_FLAGS));
	else if (f->qemu_version < 600)
		snprintf(why, why_size, "%s reads no preserve-argv0 flag (needs 6.0+)", qemu);
	else if (f->model && (place == PLACE_SANDBOX || place == PLACE_FOREIGN_ROOT) &&
		 !f->model_asked) {
		/* In a sandbox the launcher reaches the host's qemu through
		 * /proc/1/root, which chroots without /proc lack (debootstrap's
		 * first check runs in an empty target; its second stage
		 * unmounts /proc before ldconfig); the kernel holds a natively
		 * registered qemu open (F) wherever it runs. */
		*chosen = WIRING_NATIVE;
		snprintf(
		    why, why_size,
		    "static %s honours P; %s's own CPU, which reaches chroots without /proc: --wiring launcher or --cpu gives it -cpu %s",
		    qemu, qemu, f->model);
	} else if (f->model)
		snprintf(
		    why, why_size, "-cpu %s for %s, which only the launcher can pass%s", f->model,
		    qemu,
		    f->model_asked
			? ""
			: " (doc/cpu-models.md: faster, or the features distributions' binaries need)");
	else {
		*chosen = WIRING_NATIVE;
		snprintf(why, why_size, "static %s honours P: one exec less", qemu);
	}
	return 0;
}

/* The model for t: --cpu's if it names t, else the table's for this qemu.
 * *asked says whether --cpu named one. */
static const char *wanted_model(const struct target *t, const struct wiring_options *o,
				int qemu_version, bool *asked)
{
	*asked = false;
	for (size_t i = 0; i < o->cpu_count; i++) {
		const struct cpu_choice *c = &o->cpu[i];
		if (c->target != t)
			continue;
		*asked = c->asked != CPU_QEMU_DEFAULT;
		if (c->asked == CPU_QEMU_DEFAULT)
			return NULL;
		return c->asked == CPU_FAST ? t->cpu_fast : c->model;
	}
	return target_cpu_model(t, qemu_version);
}

/* Is model one make install ships a launcher link for (the table's, for
 * some qemu, or the fast one)? */
static bool model_shipped(const struct target *t, const char *model)
{
	if (t->cpu_fast && !strcmp(t->cpu_fast, model))
		return true;
	for (const struct target_cpu *c = t->cpu; c && c->model; c++)
		if (!strcmp(c->model, model))
			return true;
	return false;
}

int wiring_build(const struct target *t, const struct wiring_options *o, struct wiring_result *r)
{
	struct qemu_found found;
	struct wiring_facts facts = {
	    .qemu_version = -1,
	    .kernel_at_flags = o->qemu_elsewhere || kernel_has(KERNEL_AT_FLAGS),
	};
	char interpreter[PATH_MAX], why[512];
	enum wiring asked = o->wiring;

	memset(r, 0, sizeof(*r));
	/* An interpreter path holding a newline would make the entry's status
	 * file unreadable (entry_parse() refuses it for the same reason). */
	const char *folders[] = {o->qemu_dirs, o->launcher_dir, o->runtime_dir};
	for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]); i++)
		if (folders[i] && strchr(folders[i], '\n')) {
			snprintf(
			    r->why, sizeof(r->why),
			    "a folder name holding a newline cannot be part of an interpreter path (--qemu-dir, --launcher-dir, --runtime-dir)");
			return -1;
		}
	/* Another host's qemu is not this machine's: none is looked at. */
	if (o->host && !o->host->here)
		memset(&found, 0, sizeof(found));
	else
		qemu_find(o->qemu_dirs, t->name, &found);
	const char *qemu = found.static_path[0] ? found.static_path : found.dynamic_path;
	facts.have_qemu = qemu[0] != '\0';
	facts.qemu_static = qemu == found.static_path;
	if (!facts.have_qemu && o->qemu_elsewhere) {
		/* Written for another machine: name the emulator where the
		 * first folder would hold it, and let no version decide. */
		size_t len = strcspn(o->qemu_dirs, ":");
		snprintf(found.static_path, sizeof(found.static_path), "%.*s/qemu-%s", (int)len,
			 o->qemu_dirs, t->name);
		qemu = found.static_path;
		facts.qemu_static = true;
		if (asked == WIRING_AUTO) {
			asked = WIRING_LAUNCHER;
			snprintf(r->why, sizeof(r->why),
				 "no qemu here to ask: the launcher works with any");
		}
	} else if (!facts.have_qemu) {
		/* With other emulators there, this qemu lacks the target: qemu
		 * drops some (nios2 in 9.1, cris in 10.0). */
		if (qemu_any(o->qemu_dirs))
			snprintf(
			    r->why, sizeof(r->why),
			    "the qemu in %.700s has no qemu-%s (qemu drops old targets: nios2 in 9.1, cris in 10.0)",
			    o->qemu_dirs, t->name);
		else
			snprintf(r->why, sizeof(r->why),
				 "no qemu-%s or qemu-%s-static in %.700s (install %s)", t->name,
				 t->name, o->qemu_dirs, distro_qemu_package(NULL));
		return -1;
	}
	snprintf(r->qemu, sizeof(r->qemu), "%s", qemu);
	r->qemu_static = facts.qemu_static;
	/* Asked once, here, at install: the launcher then reads the model
	 * from its own name, with nothing to ask per exec. */
	bool ask_version = asked == WIRING_AUTO || asked == WIRING_NATIVE ||
			   o->place == PLACE_CONTAINER || t->cpu || o->cpu_count;
	if (ask_version && facts.have_qemu)
		facts.qemu_version = qemu_version(qemu);
	facts.model = wanted_model(t, o, facts.qemu_version, &facts.model_asked);
	if (facts.model && facts.model_asked && facts.have_qemu &&
	    qemu_check_cpu(qemu, facts.model, r->why, sizeof(r->why)) < 0)
		return -1;
	if (facts.model && facts.model_asked && o->qemu_elsewhere &&
	    !model_shipped(t, facts.model)) {
		snprintf(
		    r->why, sizeof(r->why),
		    "-cpu %s: no launcher link of that name is installed with qbinfmt (only its own models and 'fast' are); qbinfmt install --cpu makes one where it registers",
		    facts.model);
		return -1;
	}
	enum wiring w;
	if (wiring_decide(&facts, asked, o->flags, o->place, &w, why, sizeof(why)) < 0) {
		if (!facts.qemu_static && o->place >= PLACE_FOREIGN_ROOT)
			snprintf(r->why, sizeof(r->why), "%.400s %.300s: install %s", qemu, why,
				 distro_static_qemu_package(NULL));
		else
			snprintf(r->why, sizeof(r->why), "%s", why);
		return -1;
	}
	if (why[0])
		snprintf(r->why, sizeof(r->why), "%s", why);
	r->chosen = w;

	const char *model = w == WIRING_LAUNCHER ? facts.model : NULL;
	char name[BINFMT_NAME_MAX + 1], base[BINFMT_NAME_MAX + 1], registered[PATH_MAX];
	if (!launcher_name(t->name, model, name, sizeof(name)) ||
	    !launcher_name(t->name, NULL, base, sizeof(base))) {
		snprintf(
		    r->why, sizeof(r->why),
		    "-cpu %.300s: not a model a launcher name can carry (letters, digits and _.,=+- only, at most %d)",
		    model ? model : "", LAUNCHER_CPU_MAX);
		return -1;
	}
	snprintf(r->cpu, sizeof(r->cpu), "%s", model ? model : "");
	if (w == WIRING_NATIVE) {
		snprintf(interpreter, sizeof(interpreter), "%s", qemu);
	} else {
		struct stat st;
		snprintf(interpreter, sizeof(interpreter), "%s/%s", o->launcher_dir, base);
		if (stat(interpreter, &st) < 0 && !o->qemu_elsewhere) {
			snprintf(
			    r->why, sizeof(r->why),
			    "launcher %.700s: %s (is qbinfmt installed, or --launcher-dir right?)",
			    interpreter, strerror(errno));
			return -1;
		}
		/* A model's name: installed beside the launcher for the table's
		 * models; another one is a link made in the runtime folder. */
		if (model) {
			char with_model[PATH_MAX];
			snprintf(with_model, sizeof(with_model), "%s/%s", o->launcher_dir, name);
			if (o->qemu_elsewhere || lstat(with_model, &st) == 0) {
				snprintf(interpreter, sizeof(interpreter), "%s", with_model);
			} else if (snprintf(registered, sizeof(registered), "%s/%s", o->runtime_dir,
					    name) < (int)sizeof(registered)) {
				snprintf(r->link_target, sizeof(r->link_target), "%s", interpreter);
				target_entry(t, registered, ENTRY_FLAG_PRESERVE_ARGV0 | o->flags,
					     &r->entry);
				if (strlen(registered) < BINFMT_OLD_HEADER_SIZE)
					return 0;
				snprintf(
				    r->why, sizeof(r->why),
				    "-cpu %.300s: the launcher's name in %.400s is too long for kernels before 5.1; use a shorter --runtime-dir",
				    model, o->runtime_dir);
				return -1;
			}
		}
	}
	if (short_interpreter(interpreter, name, o, r, registered, sizeof(registered)) < 0)
		return -1;
	target_entry(t, registered, ENTRY_FLAG_PRESERVE_ARGV0 | o->flags, &r->entry);
	return 0;
}
