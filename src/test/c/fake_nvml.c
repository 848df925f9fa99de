/*
 * A stand-in for libnvidia-ml.so.1 with scripted values, so that the recorder's tests run the real
 * JNA binding on machines without a GPU. Only the functions carbonpaper binds are provided, with the
 * signatures and return codes of nvml.h (NVML API reference, nvmlReturn_t).
 *
 * Configuration: a file of key=value lines, read at every nvmlInit_v2 from the path given to
 * fake_nvml_configure() or, failing that, from the FAKE_NVML_CONFIG environment variable. A missing
 * or unreadable file means one device with defaults. Keys (I is a device index):
 *   devices=N               number of devices (at most 16)
 *   init_error=R            nvmlInit_v2 returns R (9 = DRIVER_NOT_LOADED)
 *   name.I=TEXT             device name (up to 95 bytes, the whole 96-byte buffer with its NUL)
 *   uuid.I=TEXT             device UUID
 *   power_mw.I=P            power reading in milliwatts (constant)
 *   limit_mw.I=L            power management limit in milliwatts
 *   energy_start_mj.I=E     energy counter at the first reading (since driver load)
 *   energy_step_mj.I=S      the counter advances by S at every reading after the first
 *   energy_unsupported.I=1  nvmlDeviceGetTotalEnergyConsumption returns NOT_SUPPORTED (pre-Volta)
 *   lost_after.I=N          after N power readings every call on the device returns GPU_IS_LOST
 *   procs_file=PATH         compute processes, re-read at each query: lines "I PID"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEVICES 16

#define NVML_SUCCESS 0
#define NVML_ERROR_UNINITIALIZED 1
#define NVML_ERROR_INVALID_ARGUMENT 2
#define NVML_ERROR_NOT_SUPPORTED 3
#define NVML_ERROR_INSUFFICIENT_SIZE 7
#define NVML_ERROR_DRIVER_NOT_LOADED 9
#define NVML_ERROR_GPU_IS_LOST 15

typedef int nvmlReturn_t;

typedef struct {
    char name[128];
    char uuid[128];
    unsigned int power_mw;
    unsigned int limit_mw;
    unsigned long long energy_start_mj;
    unsigned long long energy_step_mj;
    unsigned long long energy_mj;
    unsigned long long energy_reads;
    int energy_unsupported;
    long lost_after;
    long power_calls;
} fake_device;

typedef fake_device *nvmlDevice_t;

/* nvmlProcessInfo_t as used by nvmlDeviceGetComputeRunningProcesses_v3 */
typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
} nvmlProcessInfo_t;

static fake_device devices[MAX_DEVICES];
static unsigned int device_count;
static int initialized;
static int init_error;
static char procs_file[1024];
static char config_path[1024];

static void defaults(void) {
    device_count = 1;
    init_error = 0;
    procs_file[0] = '\0';
    for (unsigned int i = 0; i < MAX_DEVICES; i++) {
        fake_device *d = &devices[i];
        memset(d, 0, sizeof *d);
        snprintf(d->name, sizeof d->name, "Fake GPU %u", i);
        snprintf(d->uuid, sizeof d->uuid, "GPU-fa4e0000-0000-0000-0000-0000000000%02u", i);
        d->power_mw = 100000 + 1000 * i;
        d->limit_mw = 300000;
        d->energy_start_mj = 1000000000ULL + i;
        d->energy_step_mj = 10000;
        d->lost_after = -1;
    }
}

static void chomp(char *s) {
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = '\0';
}

static void load_config(void) {
    defaults();
    const char *path = config_path[0] ? config_path : getenv("FAKE_NVML_CONFIG");
    if (path == NULL || !*path) return;
    FILE *f = fopen(path, "r");
    if (f == NULL) return;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        chomp(line);
        char *eq = strchr(line, '=');
        if (line[0] == '#' || eq == NULL) continue;
        *eq = '\0';
        const char *key = line, *value = eq + 1;
        char *dot = strchr(line, '.');
        if (dot == NULL) {
            if (!strcmp(key, "devices")) {
                device_count = (unsigned int) strtoul(value, NULL, 10);
                if (device_count > MAX_DEVICES) device_count = MAX_DEVICES;
            } else if (!strcmp(key, "init_error")) {
                init_error = atoi(value);
            } else if (!strcmp(key, "procs_file")) {
                snprintf(procs_file, sizeof procs_file, "%s", value);
            }
            continue;
        }
        *dot = '\0';
        unsigned long i = strtoul(dot + 1, NULL, 10);
        if (i >= MAX_DEVICES) continue;
        fake_device *d = &devices[i];
        if (!strcmp(key, "name")) snprintf(d->name, sizeof d->name, "%s", value);
        else if (!strcmp(key, "uuid")) snprintf(d->uuid, sizeof d->uuid, "%s", value);
        else if (!strcmp(key, "power_mw")) d->power_mw = (unsigned int) strtoul(value, NULL, 10);
        else if (!strcmp(key, "limit_mw")) d->limit_mw = (unsigned int) strtoul(value, NULL, 10);
        else if (!strcmp(key, "energy_start_mj")) d->energy_start_mj = strtoull(value, NULL, 10);
        else if (!strcmp(key, "energy_step_mj")) d->energy_step_mj = strtoull(value, NULL, 10);
        else if (!strcmp(key, "energy_unsupported")) d->energy_unsupported = atoi(value);
        else if (!strcmp(key, "lost_after")) d->lost_after = atol(value);
    }
    fclose(f);
}

/* Test hooks, not part of NVML. */
int fake_nvml_configure(const char *path) {
    snprintf(config_path, sizeof config_path, "%s", path ? path : "");
    return 0;
}

/* The counter value last handed out, in millijoules (0 before the first reading). */
unsigned long long fake_nvml_energy_mj(unsigned int index) {
    return index < MAX_DEVICES ? devices[index].energy_mj : 0;
}

unsigned long long fake_nvml_energy_reads(unsigned int index) {
    return index < MAX_DEVICES ? devices[index].energy_reads : 0;
}

static int lost(fake_device *d) { return d->lost_after >= 0 && d->power_calls >= d->lost_after; }

static nvmlReturn_t check(nvmlDevice_t d) {
    if (!initialized) return NVML_ERROR_UNINITIALIZED;
    if (d == NULL || d < devices || d >= devices + device_count) return NVML_ERROR_INVALID_ARGUMENT;
    if (lost(d)) return NVML_ERROR_GPU_IS_LOST;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlInit_v2(void) {
    load_config();
    if (init_error) return init_error;
    initialized = 1;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlShutdown(void) {
    if (!initialized) return NVML_ERROR_UNINITIALIZED;
    initialized = 0;
    return NVML_SUCCESS;
}

const char *nvmlErrorString(nvmlReturn_t r) {
    switch (r) {
        case NVML_SUCCESS: return "Success";
        case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
        case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
        case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
        case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
        case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
        case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
        default: return "Unknown Error";
    }
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
    if (!initialized) return NVML_ERROR_UNINITIALIZED;
    if (count == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    *count = device_count;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    if (!initialized) return NVML_ERROR_UNINITIALIZED;
    if (index >= device_count || device == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    *device = &devices[index];
    return NVML_SUCCESS;
}

static nvmlReturn_t copy_text(const char *text, char *out, unsigned int length) {
    if (out == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    size_t n = strlen(text);
    if (n + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
    memcpy(out, text, n + 1);
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t d, char *name, unsigned int length) {
    nvmlReturn_t r = check(d);
    return r ? r : copy_text(d->name, name, length);
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t d, char *uuid, unsigned int length) {
    nvmlReturn_t r = check(d);
    return r ? r : copy_text(d->uuid, uuid, length);
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *power) {
    nvmlReturn_t r = check(d);
    if (r) return r;
    if (power == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    d->power_calls++;
    *power = d->power_mw;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t d, unsigned long long *energy) {
    nvmlReturn_t r = check(d);
    if (r) return r;
    if (d->energy_unsupported) return NVML_ERROR_NOT_SUPPORTED;
    if (energy == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    d->energy_mj = d->energy_reads == 0 ? d->energy_start_mj : d->energy_mj + d->energy_step_mj;
    d->energy_reads++;
    *energy = d->energy_mj;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerManagementLimit(nvmlDevice_t d, unsigned int *limit) {
    nvmlReturn_t r = check(d);
    if (r) return r;
    if (limit == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    *limit = d->limit_mw;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t d, unsigned int *infoCount, nvmlProcessInfo_t *infos) {
    nvmlReturn_t r = check(d);
    if (r) return r;
    if (infoCount == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    unsigned int pids[64], n = 0;
    if (procs_file[0]) {
        FILE *f = fopen(procs_file, "r");
        if (f != NULL) {
            unsigned int idx, pid;
            while (n < 64 && fscanf(f, "%u %u", &idx, &pid) == 2) {
                if (idx == (unsigned int) (d - devices)) pids[n++] = pid;
            }
            fclose(f);
        }
    }
    if (*infoCount < n || (infos == NULL && n > 0)) {
        *infoCount = n;
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    for (unsigned int i = 0; i < n; i++) {
        infos[i].pid = pids[i];
        infos[i].usedGpuMemory = 1ULL << 30;
        infos[i].gpuInstanceId = 0xFFFFFFFFu;
        infos[i].computeInstanceId = 0xFFFFFFFFu;
    }
    *infoCount = n;
    return NVML_SUCCESS;
}
