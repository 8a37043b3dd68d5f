/* SPDX-License-Identifier: MIT */
#include "host-elf.h"

#include "elf-samples.h"
#include "exec-probe.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int host_elf_read(struct host_elf *host)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	do
		n = read(fd, host->header, sizeof(host->header));
	while (n < 0 && errno == EINTR);
	int saved = errno;
	close(fd);
	if (n < 0)
		return -saved;
	host->len = (size_t)n;
	if (host->len < EI_NIDENT + 4 || memcmp(host->header, ELFMAG, SELFMAG) != 0)
		return -ENOEXEC;
	return 0;
}

bool host_elf_captured_by(const struct host_elf *host, const struct binfmt_entry *entry)
{
	return elf_common_variants_matched(host->header, host->len, entry) != 0;
}

const struct target *host_elf_target(const struct host_elf *host)
{
	return target_for_header(host->header, host->len);
}

const char *host_family(const struct target *exe_target, const char *machine)
{
	const struct target *named = machine ? target_lookup(machine) : NULL;

	if (exe_target)
		return exe_target->family;
	return named ? named->family : NULL;
}

const char *host_family_read(void)
{
	return host_here()->family;
}

/* Targets of its family a host's kernel runs through its compat layer,
 * as another host's are assumed to (this machine's are tried): the host's
 * target, the other's, whether kernels of the host usually do, and why. */
static const struct compat {
	const char *host, *guest;
	bool usual;
	const char *why;
} compat[] = {
    {"x86_64", "i386", true,
     "x86_64 kernels run i386 programs through IA32 emulation, unless built without it or booted with ia32_emulation=0"},
    {"aarch64", "arm", true,
     "arm64 kernels run 32-bit arm programs where the CPU has AArch32 at EL0, as Cortex-A72 and most Ampere Altra do; Apple M, Graviton 3 and later and A64FX have none"},
    {"aarch64_be", "armeb", false,
     "big-endian arm64 kernels run only BE8 32-bit programs, and armeb's are BE32"},
    {"ppc64", "ppc", true,
     "64-bit big-endian powerpc kernels run 32-bit ppc programs through COMPAT"},
    {"mips64", "mips", true,
     "mips64 kernels run o32 programs when built with MIPS32_O32, as Debian's are"},
    {"mips64", "mipsn32", true,
     "mips64 kernels run n32 programs when built with MIPS32_N32, as Debian's are"},
    {"mips64el", "mipsel", true,
     "mips64 kernels run o32 programs when built with MIPS32_O32, as Debian's are"},
    {"mips64el", "mipsn32el", true,
     "mips64 kernels run n32 programs when built with MIPS32_N32, as Debian's are"},
    {"mipsn32", "mips64", true,
     "n32 programs need a mips64 kernel, which runs mips64 programs too"},
    {"mipsn32", "mips", true,
     "n32 programs need a mips64 kernel, which runs o32 programs too when built with MIPS32_O32, as Debian's are"},
    {"mipsn32el", "mips64el", true,
     "n32 programs need a mips64 kernel, which runs mips64 programs too"},
    {"mipsn32el", "mipsel", true,
     "n32 programs need a mips64 kernel, which runs o32 programs too when built with MIPS32_O32, as Debian's are"},
    {"sparc64", "sparc", true, "sparc64 kernels run 32-bit sparc programs through COMPAT"},
    {"sparc64", "sparc32plus", true, "sparc64 kernels run 32-bit sparc programs through COMPAT"},
    {"sparc32plus", "sparc", true,
     "sparc32plus programs need a sparc64 kernel, which runs every 32-bit sparc program"},
    {"sparc32plus", "sparc64", true,
     "sparc32plus programs need a sparc64 kernel, which runs sparc64 programs too"},
    {"riscv64", "riscv32", false,
     "riscv64 kernels run riscv32 programs only with COMPAT, on the few CPUs whose user mode can run 32-bit code (UXL)"},
};

static uint64_t bit(const struct target *t)
{
	size_t i = (size_t)(t - targets);
	return i < 64 ? (uint64_t)1 << i : 0;
}

/* What another host of own's target is assumed to do with t, of the same
 * family: from compat[], else by the byte order and word size. */
static bool assumed(const struct target *own, const struct target *t, char *why, size_t size,
		    bool *certain)
{
	*certain = false;
	for (size_t i = 0; i < sizeof(compat) / sizeof(compat[0]); i++)
		if (!strcmp(compat[i].host, own->name) && !strcmp(compat[i].guest, t->name)) {
			snprintf(why, size, "%s", compat[i].why);
			return compat[i].usual;
		}
	if (own->elf_data != t->elf_data) {
		*certain = true;
		snprintf(why, size, "a %s-endian kernel runs no %s-endian programs",
			 own->elf_data == ELFDATA2MSB ? "big" : "little",
			 t->elf_data == ELFDATA2MSB ? "big" : "little");
		return false;
	}
	if (own->elf_class == ELFCLASS32)
		snprintf(
		    why, size,
		    "a 32-bit host's kernel is taken as 32-bit, which runs no %s programs; a 32-bit userland on a 64-bit kernel does (Raspberry Pi OS's 32-bit arm on an arm64 kernel)",
		    t->name);
	else
		snprintf(why, size, "no %s kernel is known to run %s programs", own->name, t->name);
	return false;
}

/* This machine's answers: the probe of its own target first, which must
 * be loaded for any other answer to count. */
static struct {
	bool asked;
	struct host_verdict verdict;
} tried[64];
static bool control_asked;
static char control_failure[200];

static void describe_failure(const struct exec_probe_result *r, const char *what, char *out,
			     size_t size)
{
	if (r->outcome == EXEC_PROBE_TAKEN)
		snprintf(
		    out, size, "%s: %s", what,
		    r->error
			? "an entry of binfmt_misc matches it, and none could be made of its own to try it without"
			: "something other than the kernel's ELF loader ran it");
	else if (r->outcome == EXEC_PROBE_FAILED && r->step == EXEC_PROBE_STEP_EXEC)
		snprintf(out, size, "%s: the kernel said %s, neither yes nor no", what,
			 strerror(r->error));
	else if (r->outcome == EXEC_PROBE_REFUSED)
		snprintf(out, size, "%s: refused (%s)", what, strerror(ENOEXEC));
	else
		snprintf(out, size, "%s: %s: %s", what, exec_probe_step_name(r->step),
			 strerror(r->error));
}

/* One probe, and again in a binfmt_misc of its own when an entry here
 * takes it. */
static void try_target(const struct target *t, struct exec_probe_result *r, bool *private_binfmt)
{
	*private_binfmt = false;
	exec_probe_run(t, false, r);
	if (r->outcome != EXEC_PROBE_TAKEN)
		return;
	struct exec_probe_result again;
	exec_probe_run(t, true, &again);
	if (again.outcome == EXEC_PROBE_LOADS || again.outcome == EXEC_PROBE_REFUSED) {
		*r = again;
		*private_binfmt = true;
	} else if (again.outcome == EXEC_PROBE_FAILED) {
		*r = again;
	}
}

static void control(const struct host_profile *h)
{
	struct exec_probe_result r;
	bool private_binfmt;
	char what[96];

	if (control_asked)
		return;
	control_asked = true;
	snprintf(what, sizeof(what), "the probe of its own target, %s",
		 h->own ? h->own->name : "?");
	if (!h->own) {
		snprintf(control_failure, sizeof(control_failure),
			 "its own target is none of the table's");
		return;
	}
	try_target(h->own, &r, &private_binfmt);
	if (r.outcome != EXEC_PROBE_LOADS)
		describe_failure(&r, what, control_failure, sizeof(control_failure));
}

static void judge_here(const struct host_profile *h, const struct target *t, struct host_verdict *v)
{
	struct exec_probe_result r;
	bool private_binfmt, certain;
	char reason[200], assumption[300];

	control(h);
	reason[0] = '\0';
	if (!control_failure[0]) {
		try_target(t, &r, &private_binfmt);
		if (r.outcome == EXEC_PROBE_LOADS || r.outcome == EXEC_PROBE_REFUSED) {
			v->basis = HOST_TRIED;
			v->native = r.outcome == EXEC_PROBE_LOADS;
			snprintf(
			    v->why, sizeof(v->why), "tried%s: the kernel here %s %s programs%s",
			    private_binfmt
				? " in a binfmt_misc of its own, since an entry here matches the probe"
				: "",
			    v->native ? "runs" : "refuses", t->name,
			    v->native ? " itself" : " (Exec format error)");
			return;
		}
		describe_failure(&r, "the probe", reason, sizeof(reason));
	}
	v->basis = HOST_UNTRIED;
	v->native = h->own && assumed(h->own, t, assumption, sizeof(assumption), &certain);
	if (!h->own)
		snprintf(assumption, sizeof(assumption), "%s", "its own target is unknown");
	snprintf(v->why, sizeof(v->why), "cannot tell here (%s), so assumed: %s",
		 control_failure[0] ? control_failure : reason, assumption);
}

void host_judge(const struct host_profile *h, const struct target *t, struct host_verdict *v)
{
	bool certain;

	memset(v, 0, sizeof(*v));
	if (!target_in_family(t, h->family)) {
		v->basis = HOST_OTHER_FAMILY;
		snprintf(v->why, sizeof(v->why), "of another family than the host's (%s)",
			 h->family ? h->family : "unknown");
		return;
	}
	if (t == h->own) {
		v->basis = HOST_OWN;
		v->native = true;
		snprintf(v->why, sizeof(v->why), "%s",
			 h->here ? "this machine's own target" : "the host's own target");
		return;
	}
	if (h->here) {
		size_t i = (size_t)(t - targets);
		if (i < 64 && tried[i].asked) {
			*v = tried[i].verdict;
			return;
		}
		judge_here(h, t, v);
		if (i < 64) {
			tried[i].asked = true;
			tried[i].verdict = *v;
		}
		return;
	}
	if ((h->said_native | h->said_foreign) & bit(t)) {
		v->basis = HOST_SAID;
		v->native = h->said_native & bit(t);
		snprintf(v->why, sizeof(v->why), "said so (%c%s)", v->native ? '+' : '-', t->name);
		return;
	}
	if (!h->own) {
		v->basis = HOST_ASSUMED;
		snprintf(v->why, sizeof(v->why), "assumed: the host's own target is unknown");
		return;
	}
	char assumption[300];
	v->native = assumed(h->own, t, assumption, sizeof(assumption), &certain);
	v->basis = certain ? HOST_NEVER : HOST_ASSUMED;
	snprintf(v->why, sizeof(v->why), "%s%s", certain ? "" : "assumed: ", assumption);
}

bool host_native(const struct host_profile *h, const struct target *t)
{
	struct host_verdict v;

	host_judge(h, t, &v);
	return v.native;
}

const struct host_profile *host_here(void)
{
	static struct host_profile here;
	static bool read;

	if (!read) {
		struct host_elf exe;
		struct utsname u;
		const struct target *exe_target =
		    host_elf_read(&exe) == 0 ? host_elf_target(&exe) : NULL;
		const char *machine = uname(&u) == 0 ? u.machine : NULL;
		here.here = true;
		here.family = host_family(exe_target, machine);
		here.own = exe_target ? exe_target : target_lookup(machine);
		if (here.own && !target_in_family(here.own, here.family))
			here.own = NULL;
		read = true;
	}
	return &here;
}

void host_elsewhere(const struct target *own, struct host_profile *h)
{
	memset(h, 0, sizeof(*h));
	h->own = own;
	h->family = own ? own->family : NULL;
	if (own)
		snprintf(h->spec, sizeof(h->spec), "%s", own->name);
}

int host_parse(const char *spec, struct host_profile *h, char *why, size_t size)
{
	char copy[sizeof(h->spec)], *save = NULL;

	memset(h, 0, sizeof(*h));
	if (strlen(spec) >= sizeof(copy)) {
		snprintf(why, size, "'%.40s...' is too long", spec);
		return -1;
	}
	snprintf(copy, sizeof(copy), "%s", spec);
	char *word = strtok_r(copy, ",", &save);
	const struct target *own = word ? target_lookup(word) : NULL;
	if (!own) {
		snprintf(why, size, "'%s' is no target name or alias (see qbinfmt list)",
			 word ? word : "");
		return -1;
	}
	host_elsewhere(own, h);
	snprintf(h->spec, sizeof(h->spec), "%s", spec);
	while ((word = strtok_r(NULL, ",", &save))) {
		const struct target *t = target_lookup(word + (*word == '+' || *word == '-'));
		if (*word != '+' && *word != '-') {
			snprintf(why, size, "'%s': after the architecture come +TARGET or -TARGET",
				 word);
			return -1;
		}
		if (!t) {
			snprintf(why, size, "'%s' is no target name or alias (see qbinfmt list)",
				 word + 1);
			return -1;
		}
		if (!target_in_family(t, own->family)) {
			snprintf(why, size,
				 "%s is not of %s's family (%s): no kernel of it runs %s programs",
				 t->name, own->name, own->family, t->name);
			return -1;
		}
		if (t == own) {
			snprintf(why, size, "%s is the host's own target: it always runs natively",
				 t->name);
			return -1;
		}
		uint64_t *said = *word == '+' ? &h->said_native : &h->said_foreign;
		uint64_t *other = *word == '+' ? &h->said_foreign : &h->said_native;
		if (*other & bit(t)) {
			snprintf(why, size, "%s is said both to run natively and not", t->name);
			return -1;
		}
		*said |= bit(t);
	}
	return 0;
}

int host_own_elf(const struct host_profile *h, struct host_elf *out)
{
	unsigned char head[BINFMT_HEADER_SIZE];

	if (h->here)
		return host_elf_read(out);
	if (!h->own)
		return -ENOEXEC;
	struct elf_sample s = elf_sample_usual(h->own, ET_EXEC, ELFOSABI_NONE);
	out->len = elf_sample_header(h->own, &s, head);
	memcpy(out->header, head, sizeof(out->header));
	return 0;
}

const char *host_name(const struct host_profile *h, char *out, size_t size)
{
	if (!h->here)
		snprintf(out, size, "%s (--host %s)", h->own ? h->own->name : "?", h->spec);
	else
		snprintf(out, size, "%s",
			 h->own	     ? h->own->name
			 : h->family ? h->family
				     : "unknown");
	return out;
}
