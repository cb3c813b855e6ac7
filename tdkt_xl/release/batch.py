"""``cai-dat.bat`` of the offline bundle: installs tdkt with the ``python`` on
PATH (the one the buttons start) from the bundle's wheelhouse, without
internet, then runs ``tdkt doctor``.  Every line the clerk reads is Vietnamese.

Written UTF-8 without BOM and with CRLF line ends; the second line switches the
console to UTF-8 (``chcp 65001``) so cmd reads the rest of the file, and shows
the Vietnamese text, correctly.  Messages inside ``( … )`` blocks would need
their parentheses escaped, so the script uses labels and ``goto`` only.
"""
from __future__ import annotations

INSTALLER_PATTERN = "python-3.1*-amd64.exe"


def install_script(workbook_name: str, pythons) -> str:
    lo, hi = pythons[0], pythons[-1]
    versions = ", ".join(pythons)
    lo_t = tuple(int(x) for x in lo.split("."))
    hi_t = tuple(int(x) for x in hi.split("."))
    check = ("import sys,struct; sys.exit(0 if %r <= sys.version_info[:2] <= %r "
             "and struct.calcsize('P') == 8 else 1)" % (lo_t, hi_t))
    lines = [
        "@echo off",
        "chcp 65001 >nul",
        "setlocal EnableExtensions",
        'cd /d "%~dp0"',
        "echo.",
        "echo ===== Cài đặt tdkt (không cần Internet) =====",
        "echo.",
        f'python -c "{check}" >nul 2>nul',
        "if errorlevel 1 goto nopython",
        "echo Python dùng cho nút bấm:",
        'python -c "import sys; print(sys.executable)"',
        "echo.",
        "echo Đang cài các thư viện từ thư mục wheelhouse...",
        'python -m pip install --no-index --find-links "%~dp0wheelhouse" -r "%~dp0requirements.txt"',
        "if errorlevel 1 goto pipfailed",
        "echo.",
        "echo Đang kiểm tra cài đặt - tdkt doctor:",
        f'python -m tdkt_xl.cli doctor "%~dp0workbook\\{workbook_name}"',
        'set "RC=%errorlevel%"',
        "echo.",
        "echo Xong. Mục nào ghi [THIẾU] thì làm theo hướng dẫn ghi ở mục đó.",
        "pause",
        "exit /b %RC%",
        "",
        ":pipfailed",
        "echo.",
        "echo Cài thư viện KHÔNG thành công. Nếu thông báo có chữ Access is denied hoặc",
        "echo Permission denied: bấm chuột phải vào tệp cai-dat.bat, chọn Run as administrator.",
        "echo Nếu vẫn lỗi: chụp màn hình này gửi bộ phận công nghệ thông tin.",
        "pause",
        "exit /b 1",
        "",
        ":nopython",
        f"echo Máy chưa có Python phù hợp: cần Python {versions}, bản 64-bit, có lệnh python trên PATH.",
        'set "INSTALLER="',
        f'for %%F in ("%~dp0{INSTALLER_PATTERN}") do set "INSTALLER=%%~fF"',
        "if not defined INSTALLER goto noinstaller",
        "echo.",
        "echo Tìm thấy bộ cài Python: %INSTALLER%",
        "echo Bộ cài sẽ mở ra. Hãy bấm Install Now. Bộ cài đã được đặt sẵn: cài cho mọi người dùng",
        "echo vào thư mục C:\\Program Files\\Python3xx, thêm python.exe vào PATH. Không đổi thư mục cài",
        "echo sang thư mục có chữ có dấu.",
        "pause",
        '"%INSTALLER%" InstallAllUsers=1 PrependPath=1 Include_launcher=1 Include_test=0',
        "echo.",
        "echo Cài Python xong: hãy ĐÓNG cửa sổ này rồi chạy lại tệp cai-dat.bat.",
        "pause",
        "exit /b 1",
        "",
        ":noinstaller",
        "echo.",
        "echo Trong thư mục này không có bộ cài Python. Cách làm:",
        f"echo  1. Trên một máy có Internet, tải bộ cài chính thức Python {lo} hoặc mới hơn đến {hi},",
        "echo     bản Windows installer 64-bit, tên dạng python-3.11.9-amd64.exe, tại",
        "echo     https://www.python.org/downloads/windows/",
        "echo  2. Chép tệp đó vào cùng thư mục với tệp cai-dat.bat này rồi chạy lại cai-dat.bat.",
        "echo  Nếu tự cài: chọn Customize installation, đánh dấu Add python.exe to PATH và",
        "echo  Install Python for all users; thư mục cài phải KHÔNG có chữ có dấu, ví dụ",
        "echo  C:\\Program Files\\Python311. Không cài vào thư mục riêng của người dùng như",
        "echo  C:\\Users\\Nguyễn Thị Hoa\\...: Excel không mở được Python ở đường dẫn có chữ có dấu.",
        "pause",
        "exit /b 1",
        "",
    ]
    return "\r\n".join(lines)
