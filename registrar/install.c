/* SPDX-License-Identifier: MIT */
#include "install.h"
#include "binfmt-dir.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const char *install_outcome_name(enum install_outcome o)
{
	switch (o) {
	case INSTALL_ADDED:
		return "installed";
	case INSTALL_UNCHANGED:
		return "unchanged";
	case INSTALL_REPLACED:
		return "replaced";
	case INSTALL_FAILED:
		return "failed";
	case INSTALL_FAILED_RESTORED:
		return "failed, old entry restored";
	case INSTALL_FAILED_LOST:
		return "failed, old entry LOST";
	case INSTALL_FAILED_RACED:
		return "failed, another writer at work";
	}
	return "?";
}

void install_describe(const struct install_report *r, char *buf, size_t size)
{
	static const char *const steps[] = {
	    [STEP_NONE] = "",
	    [STEP_FORMAT] = "cannot form a register string",
	    [STEP_READ] = "cannot read the existing entry",
	    [STEP_REMOVE] = "cannot remove the old entry",
	    [STEP_REGISTER] = "cannot write register",
	    [STEP_READBACK] = "the kernel's status file differs from what was written",
	};
	if (r->outcome == INSTALL_FAILED_RACED)
		snprintf(
		    buf, size, "%s",
		    r->step == STEP_READBACK
			? "another writer removed it as soon as it was registered"
			: "another writer registered that name meanwhile; its entry is left alone");
	else if (r->error)
		snprintf(buf, size, "%s: %s", steps[r->step], strerror(r->error));
	else
		snprintf(buf, size, "%s", steps[r->step]);
}

static void failed(struct install_report *r, enum install_outcome outcome, enum install_step step,
		   int error)
{
	r->outcome = outcome;
	r->step = step;
	r->error = error;
}

/* Register and read back.  0, or the failing step with r->error set. */
static enum install_step register_checked(const char *dir, const struct binfmt_entry *e, int *error)
{
	char text[BINFMT_REGISTER_MAX + 1];
	struct binfmt_entry back;
	int len = entry_format(e, text, sizeof(text));
	int r;

	if (len < 0) {
		*error = 0;
		return STEP_FORMAT;
	}
	r = binfmt_dir_register(dir, text, (size_t)len);
	if (r < 0) {
		*error = -r;
		return STEP_REGISTER;
	}
	if (!e->enabled)
		binfmt_dir_command(dir, e->name, "0");
	r = binfmt_dir_read(dir, e->name, &back);
	if (r < 0 || !entry_same_rule(e, &back)) {
		*error = r < 0 ? -r : 0;
		binfmt_dir_command(dir, e->name, "-1");
		return STEP_READBACK;
	}
	return STEP_NONE;
}

void install_entry(const char *dir, const struct binfmt_entry *entry, struct install_report *r)
{
	struct binfmt_entry old;
	int error = 0;
	enum install_step step;

	memset(r, 0, sizeof(*r));
	int existing = binfmt_dir_read(dir, entry->name, &old);
	if (existing < 0 && existing != -ENOENT) {
		failed(r, INSTALL_FAILED, STEP_READ, -existing);
		return;
	}
	if (existing == 0 && entry_same_rule(&old, entry)) {
		r->outcome = INSTALL_UNCHANGED;
		return;
	}
	if (existing == 0) {
		int removed = binfmt_dir_command(dir, entry->name, "-1");
		if (removed == -ENOENT) {
			/* Another writer removed it since we read it: nothing to
			 * put back now. */
			existing = -ENOENT;
		} else if (removed < 0) {
			failed(r, INSTALL_FAILED, STEP_REMOVE, -removed);
			return;
		}
	}
	struct binfmt_entry now;
	/* EEXIST: another writer (one that takes no lock) registered the name
	 * since we looked.  Theirs there, it is theirs (or ours to the byte);
	 * gone again already, we try once more, a few times. */
	for (int attempt = 0;; attempt++) {
		step = register_checked(dir, entry, &error);
		if (step == STEP_NONE) {
			r->outcome = existing == 0 ? INSTALL_REPLACED : INSTALL_ADDED;
			return;
		}
		if (step == STEP_READBACK && error == ENOENT) {
			failed(r, INSTALL_FAILED_RACED, step, error);
			return;
		}
		if (step != STEP_REGISTER || error != EEXIST)
			break;
		if (binfmt_dir_read(dir, entry->name, &now) == 0) {
			if (entry_same_rule(&now, entry))
				r->outcome = existing == 0 ? INSTALL_REPLACED : INSTALL_ADDED;
			else
				failed(r, INSTALL_FAILED_RACED, step, error);
			return;
		}
		if (attempt == 3) {
			failed(r, INSTALL_FAILED_RACED, step, error);
			return;
		}
	}
	if (existing != 0) {
		failed(r, INSTALL_FAILED, step, error);
		return;
	}
	/* Put the old entry back, exactly as it was, enabled state included. */
	int ignored;
	if (register_checked(dir, &old, &ignored) == STEP_NONE)
		failed(r, INSTALL_FAILED_RESTORED, step, error);
	else if (binfmt_dir_read(dir, entry->name, &now) == 0)
		failed(r, INSTALL_FAILED_RACED, step, error);
	else
		failed(r, INSTALL_FAILED_LOST, step, error);
}
