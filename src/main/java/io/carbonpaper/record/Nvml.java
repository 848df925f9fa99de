package io.carbonpaper.record;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of the NVIDIA Management Library the recorder uses, bound with JNA. Every function
 * returns an {@code nvmlReturn_t}; values come back through the reference arguments. Unsigned C
 * values arrive in Java's signed types: read them with {@link Integer#toUnsignedLong} and
 * {@link Long#compareUnsigned}.
 *
 * <p>Source: NVML API reference (nvml.h), device queries and return codes.
 */
public interface Nvml extends Library {
    int SUCCESS = 0;
    int ERROR_NOT_SUPPORTED = 3;
    int ERROR_INSUFFICIENT_SIZE = 7;
    int ERROR_GPU_IS_LOST = 15;
    /** NVML_DEVICE_NAME_V2_BUFFER_SIZE and NVML_DEVICE_UUID_V2_BUFFER_SIZE. */
    int TEXT_BUFFER = 96;
    /** sizeof(nvmlProcessInfo_t) of the _v3 process query: pid (4, padded to 8), used memory (8), two instance ids (4 + 4). */
    int PROCESS_INFO_BYTES = 24;

    /** libnvidia-ml.so.1 (the driver's, found through the loader path or jna.library.path) or nvml.dll. */
    static Nvml load() {
        return Native.load(Platform.isWindows() ? "nvml" : "libnvidia-ml.so.1", Nvml.class);
    }

    int nvmlInit_v2();

    int nvmlShutdown();

    int nvmlDeviceGetCount_v2(IntByReference count);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    /** Milliwatts, unsigned. */
    int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

    /** Millijoules since the driver was loaded, unsigned; Volta and newer, else {@link #ERROR_NOT_SUPPORTED}. */
    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

    /** Milliwatts, unsigned. */
    int nvmlDeviceGetPowerManagementLimit(Pointer device, IntByReference milliwatts);

    /**
     * With {@code count} 0 and a null array: SUCCESS when no process runs, else
     * {@link #ERROR_INSUFFICIENT_SIZE} with the count set.
     */
    int nvmlDeviceGetComputeRunningProcesses_v3(Pointer device, IntByReference count, Pointer infos);

    String nvmlErrorString(int result);

    /** The symbolic name of a return code, as used in the trace's status column. */
    static String codeName(int code) {
        return switch (code) {
            case 1 -> "UNINITIALIZED";
            case 2 -> "INVALID_ARGUMENT";
            case 3 -> "NOT_SUPPORTED";
            case 4 -> "NO_PERMISSION";
            case 6 -> "NOT_FOUND";
            case 7 -> "INSUFFICIENT_SIZE";
            case 9 -> "DRIVER_NOT_LOADED";
            case 10 -> "TIMEOUT";
            case 15 -> "GPU_IS_LOST";
            case 16 -> "RESET_REQUIRED";
            case 999 -> "UNKNOWN";
            default -> "NVML_ERROR_" + code;
        };
    }
}
