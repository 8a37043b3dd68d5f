/* SPDX-License-Identifier: MIT */
#include "sandbox-ids.h"
#include "cleanup.h"
#include "namespace.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static bool have_program(const char *path)
{
	return access(path, X_OK) == 0;
}

/* In a user namespace that is not the host's, the ids there are only
 * those its map lists: the largest run of them besides `own`, from a
 * uid_map or gid_map ("INSIDE OUTSIDE COUNT" lines).  false if there is
 * none (a namespace of one id). */
static bool ids_besides(const char *map_file, unsigned long own, struct id_range *best)
{
	_cleanup_fclose_ FILE *f = fopen(map_file, "re");
	unsigned long inside, outside, count;

	best->start = best->count = 0;
	while (f && fscanf(f, "%lu %lu %lu", &inside, &outside, &count) == 3) {
		/* Own inside this run: the pieces before and after it. */
		struct id_range pieces[2] = {{inside, count}, {0, 0}};
		if (own >= inside && own - inside < count) {
			pieces[0] = (struct id_range){inside, own - inside};
			pieces[1] = (struct id_range){own + 1, inside + count - own - 1};
		}
		for (int i = 0; i < 2; i++)
			if (pieces[i].count > best->count)
				*best = pieces[i];
	}
	return best->count > 0;
}

void sandbox_choose_ids(bool single, const struct id_range *forced, struct sandbox_ids *ids)
{
	struct passwd *pw;
	const char *name;
	int ru, rg;

	memset(ids, 0, sizeof(*ids));
	ids->uid = geteuid();
	ids->gid = getegid();
	if (single)
		return;
	if (forced) {
		ids->uids = *forced;
		ids->gids = *forced;
		ids->ranges = true;
		return;
	}
	if (!namespace_is_initial()) {
		/* A sandbox inside a sandbox (or any user namespace): as root
		 * there we map, directly, ids the namespace has; /etc/subuid is
		 * the host's and names ids it may not. */
		if (ids->uid == 0 && ids_besides("/proc/self/uid_map", ids->uid, &ids->uids) &&
		    ids_besides("/proc/self/gid_map", ids->gid, &ids->gids)) {
			ids->ranges = true;
			return;
		}
		snprintf(ids->notice, sizeof(ids->notice),
			 "this user namespace has no ids to spare besides your own (%s)",
			 ids->uid == 0 ? "its map lists one" : "and you are not root in it");
		return;
	}
	pw = getpwuid(ids->uid);
	name = pw ? pw->pw_name : NULL;
	struct subid_bad_line bad;
	ru = subid_find("/etc/subuid", name, ids->uid, &ids->uids, &bad);
	if (ru == -EBADMSG) {
		subid_describe_bad_line("/etc/subuid", &bad, ids->notice, sizeof(ids->notice));
		return;
	}
	rg = subid_find("/etc/subgid", name, ids->uid, &ids->gids, &bad);
	if (rg == -EBADMSG) {
		subid_describe_bad_line("/etc/subgid", &bad, ids->notice, sizeof(ids->notice));
		return;
	}
	if (ru == 0 && rg == 0) {
		if (ids->uid != 0 &&
		    (!have_program("/usr/bin/newuidmap") || !have_program("/usr/bin/newgidmap"))) {
			snprintf(
			    ids->notice, sizeof(ids->notice),
			    "newuidmap and newgidmap are needed for your subordinate ids (install uidmap)");
			return;
		}
		ids->ranges = true;
		return;
	}
	if (ids->uid == 0) {
		/* Root without a range of its own: pick one no one uses. */
		if (subid_pick("/etc/subuid", "/etc/subgid", &ids->uids) == 0) {
			ids->gids = ids->uids;
			ids->ranges = true;
		}
		return;
	}
	subid_describe_missing(name, ids->notice, sizeof(ids->notice));
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = write(fd, text, strlen(text));
	int saved = errno;
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -(n < 0 ? saved : EIO);
}

static int run_helper(const char *helper, pid_t pid, unsigned long own, const struct id_range *r)
{
	char spid[16], sown[24], start[24], count[24], inner_count[24];
	int status;

	snprintf(spid, sizeof(spid), "%d", (int)pid);
	snprintf(sown, sizeof(sown), "%lu", own);
	snprintf(start, sizeof(start), "%lu", r->start);
	snprintf(count, sizeof(count), "%lu", r->count);
	snprintf(inner_count, sizeof(inner_count), "%d", 1);
	pid_t child = fork();
	if (child < 0)
		return -errno;
	if (child == 0) {
		execl(helper, helper, spid, "0", sown, inner_count, "1", start, count,
		      (char *)NULL);
		_exit(127);
	}
	if (waitpid(child, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EPERM;
}

int sandbox_map_ids(pid_t pid, const struct sandbox_ids *ids, struct failure *f)
{
	char path[64], map[160];
	int r;

	if (ids->ranges && ids->uid != 0) {
		if (run_helper("/usr/bin/newuidmap", pid, ids->uid, &ids->uids) < 0 ||
		    run_helper("/usr/bin/newgidmap", pid, ids->gid, &ids->gids) < 0)
			return fail(
			    f, EXIT_FAILURE_FOUND,
			    "newuidmap/newgidmap refused the ranges %lu:%lu and %lu:%lu (check /etc/subuid and /etc/subgid, or use --single-id)",
			    ids->uids.start, ids->uids.count, ids->gids.start, ids->gids.count);
		return 0;
	}
	if (!ids->ranges) {
		snprintf(path, sizeof(path), "/proc/%d/setgroups", (int)pid);
		if ((r = write_file(path, "deny")) < 0 && r != -ENOENT)
			return fail_errno(f, EXIT_FAILURE_FOUND, -r, "cannot write %s", path);
	}
	for (int which = 0; which < 2; which++) {
		unsigned long own = which ? ids->gid : ids->uid;
		const struct id_range *range = which ? &ids->gids : &ids->uids;
		int n = snprintf(map, sizeof(map), "0 %lu 1\n", own);
		if (ids->ranges)
			snprintf(map + n, sizeof(map) - (size_t)n, "1 %lu %lu\n", range->start,
				 range->count);
		snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid,
			 which ? "gid_map" : "uid_map");
		if ((r = write_file(path, map)) < 0)
			return fail_errno(f, EXIT_FAILURE_FOUND, -r, "cannot write %s", path);
	}
	return 0;
}
