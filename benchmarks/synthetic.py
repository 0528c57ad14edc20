"""Synthetic honoree records for benchmarks: N valid, recognised records in the
data/honorees format, with realistic Vietnamese text.

The records are fiction composed from phrase banks. They exist so that build
time, page size and search can be measured at sizes the real roll may reach
(tens of thousands); they must never be published.

    python benchmarks/synthetic.py DEST N [--seed S]

writes DEST/<id>.yml for N records. The same seed always gives the same files.
Records are written as text directly (no YAML dumper) so that 10,000 records
take a few seconds; every string goes out as a JSON-style double-quoted
scalar (valid YAML), or as a block scalar for the summary and the story.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

YEARS = (2021, 2022, 2023, 2024, 2025)
PILLARS = ("digital-government", "digital-economy", "digital-society")

# Every locality with the years it existed (Long Đất replaced Long Điền and
# Đất Đỏ on 1 January 2025), its name as written in a unit's name, and its
# communes (xã / phường / thị trấn).
LOCALITIES = {
    "province": (2021, 2025, "tỉnh Bà Rịa – Vũng Tàu", []),
    "vung-tau": (2021, 2025, "thành phố Vũng Tàu", [
        "phường 1", "phường 2", "phường 5", "phường 7", "phường 9", "phường 10", "phường 11", "phường 12",
        "phường Thắng Tam", "phường Thắng Nhì", "phường Thắng Nhất", "phường Rạch Dừa",
        "phường Nguyễn An Ninh", "xã Long Sơn",
    ]),
    "ba-ria": (2021, 2025, "thành phố Bà Rịa", [
        "phường Phước Hiệp", "phường Phước Hưng", "phường Phước Trung", "phường Long Toàn",
        "phường Long Hương", "phường Kim Dinh", "phường Long Tâm", "phường Phước Nguyên",
        "xã Hòa Long", "xã Long Phước", "xã Tân Hưng",
    ]),
    "phu-my": (2021, 2025, "thị xã Phú Mỹ", [
        "phường Phú Mỹ", "phường Mỹ Xuân", "phường Tân Phước", "phường Hắc Dịch", "phường Tân Hải",
        "phường Phước Hòa", "xã Tân Hòa", "xã Sông Xoài", "xã Châu Pha", "xã Tóc Tiên",
    ]),
    "chau-duc": (2021, 2025, "huyện Châu Đức", [
        "thị trấn Ngãi Giao", "xã Kim Long", "xã Bình Ba", "xã Suối Nghệ", "xã Xuân Sơn", "xã Sơn Bình",
        "xã Quảng Thành", "xã Bình Giã", "xã Đá Bạc", "xã Nghĩa Thành", "xã Láng Lớn", "xã Cù Bị",
        "xã Xà Bang", "xã Bàu Chinh", "xã Bình Trung", "xã Suối Rao",
    ]),
    "xuyen-moc": (2021, 2025, "huyện Xuyên Mộc", [
        "thị trấn Phước Bửu", "xã Bình Châu", "xã Hòa Hiệp", "xã Bưng Riềng", "xã Xuyên Mộc",
        "xã Phước Thuận", "xã Bông Trang", "xã Hòa Hưng", "xã Hòa Bình", "xã Hòa Hội", "xã Bàu Lâm",
        "xã Tân Lâm", "xã Phước Tân",
    ]),
    "long-dien": (2021, 2024, "huyện Long Điền", [
        "thị trấn Long Điền", "thị trấn Long Hải", "xã An Ngãi", "xã An Nhứt", "xã Tam Phước",
        "xã Phước Tỉnh", "xã Phước Hưng",
    ]),
    "dat-do": (2021, 2024, "huyện Đất Đỏ", [
        "thị trấn Đất Đỏ", "thị trấn Phước Hải", "xã Long Tân", "xã Láng Dài", "xã Lộc An",
        "xã Phước Hội", "xã Long Mỹ", "xã Phước Long Thọ",
    ]),
    "long-dat": (2025, 2025, "huyện Long Đất", [
        "thị trấn Long Điền", "thị trấn Long Hải", "thị trấn Đất Đỏ", "thị trấn Phước Hải", "xã An Ngãi",
        "xã Tam Phước", "xã Phước Hưng", "xã Long Tân", "xã Láng Dài", "xã Lộc An", "xã Phước Hội",
    ]),
    "con-dao": (2021, 2025, "huyện Côn Đảo", []),
}
# Every (year, locality) pair that a record may have.
PAIRS = [(y, loc) for y in YEARS for loc, (first, last, _, _) in LOCALITIES.items() if first <= y <= last]

PROVINCE = "tỉnh Bà Rịa – Vũng Tàu"
UBND_TINH = "Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu"
PROVINCIAL_BODIES = [
    "Sở Thông tin và Truyền thông", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tài chính", "Sở Nội vụ",
    "Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Công Thương", "Sở Giao thông vận tải", "Sở Văn hóa và Thể thao", "Sở Du lịch", "Sở Lao động – Thương binh và Xã hội",
    "Sở Khoa học và Công nghệ", "Sở Xây dựng", "Văn phòng UBND tỉnh", "Bảo hiểm xã hội tỉnh", "Công an tỉnh",
    "Cục Thuế tỉnh", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh", "Liên đoàn Lao động tỉnh",
    "Trung tâm Phục vụ hành chính công tỉnh", "Đài Phát thanh và Truyền hình tỉnh", "Báo Bà Rịa – Vũng Tàu",
]
PROVINCIAL_OFFICES = [
    "Phòng Công nghệ thông tin", "Phòng Kế hoạch – Tài chính", "Phòng Tổ chức cán bộ", "Văn phòng",
    "Phòng Nghiệp vụ", "Trung tâm Công nghệ thông tin và Truyền thông", "Phòng Kiểm soát thủ tục hành chính",
    "Trung tâm Chuyển đổi số", "Phòng Thanh tra", "Phòng Quản lý chất lượng",
]
DISTRICT_OFFICES = [
    "Phòng Văn hóa và Thông tin", "Phòng Tư pháp", "Phòng Tài nguyên và Môi trường", "Phòng Giáo dục và Đào tạo",
    "Văn phòng HĐND và UBND", "Trung tâm Y tế", "Chi cục Thuế", "Bảo hiểm xã hội", "Phòng Nội vụ",
    "Phòng Tài chính – Kế hoạch", "Phòng Kinh tế", "Phòng Lao động – Thương binh và Xã hội",
    "Trung tâm Văn hóa, Thông tin và Thể thao", "Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Công an",
    "Bộ phận Tiếp nhận và Trả kết quả", "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên",
]
COMMUNE_UNITS = [
    "UBND", "Công an", "Trạm Y tế", "Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên",
    "Hội Cựu chiến binh", "Bộ phận Một cửa", "Trường Tiểu học", "Trường Trung học cơ sở", "Trường Mầm non",
    "Ban Chỉ huy Quân sự", "Mặt trận Tổ quốc",
]
SCHOOL_NAMES = [
    "Lê Lợi", "Nguyễn Du", "Trần Hưng Đạo", "Quang Trung", "Võ Thị Sáu", "Kim Đồng", "Lê Quý Đôn",
    "Chu Văn An", "Nguyễn Trãi", "Lý Thường Kiệt", "Phan Bội Châu", "Nguyễn Thị Minh Khai", "Hùng Vương",
]

ENTERPRISE_FORMS = ["Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Hợp tác xã", "Doanh nghiệp tư nhân"]
ENTERPRISE_SECTORS = [
    "Phần mềm", "Công nghệ số", "Giải pháp số", "Thương mại điện tử", "Viễn thông", "Tiếp vận",
    "Du lịch", "Chế biến hải sản", "Nông nghiệp công nghệ cao", "Dịch vụ cảng", "Thủy sản", "Cà phê",
    "Hồ tiêu", "Dược phẩm", "Vận tải", "In và Truyền thông", "Năng lượng", "Điện tử",
]
ENTERPRISE_BRANDS = [
    "Biển Xanh", "Sao Mai", "Phước Lộc", "Hải Đăng", "Bình Minh", "Đại Dương", "Hòn Bà", "Long Hải",
    "Núi Lớn", "Bạch Dinh", "Côn Sơn", "Hồ Tràm", "Bàu Sen", "Đông Xuyên", "Tân Thành", "Hải Trình",
    "Duyên Hải", "Nghinh Phong", "Bazan Đỏ", "Sóng Việt", "Mũi Nai", "Ngọc Biển", "Phương Nam",
    "Hòa Bình", "An Phát", "Thịnh Vượng", "Rạng Đông", "Cát Vàng", "Thùy Dương", "Lộc An Xanh",
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đoàn", "Lâm", "Tạ", "Mai", "Cao", "Châu", "Đinh"]
MIDDLE_MALE = ["Văn", "Minh", "Quốc", "Đức", "Hoàng", "Thanh", "Hữu", "Công", "Tuấn", "Gia", "Trọng"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Bích", "Kim", "Mỹ", "Thùy", "Hồng", "Phương", "Diệu"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Khôi", "Lộc", "Long", "Nam", "Phong",
              "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Đạt", "Hiếu", "Kiên",
              "Nghĩa", "Bảo", "Duy", "Huy", "Thịnh", "Toàn"]
GIVEN_FEMALE = ["Anh", "Châu", "Diệp", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Liên",
                "Linh", "Loan", "Mai", "Ngân", "Nhung", "Oanh", "Phượng", "Quyên", "Tâm", "Thảo", "Trang",
                "Trinh", "Uyên", "Vân", "Yến", "Thủy", "Hường", "Ngọc"]
POSITIONS = [
    "Chuyên viên", "Phó Trưởng phòng", "Trưởng phòng", "Công chức Văn phòng – Thống kê",
    "Công chức Tư pháp – Hộ tịch", "Viên chức", "Giáo viên", "Bác sĩ", "Điều dưỡng", "Kỹ sư phần mềm",
    "Phó Chủ tịch UBND", "Bí thư Đoàn Thanh niên", "Cán bộ Hội Nông dân", "Kế toán", "Trưởng ấp",
]

# Topics by pillar: what the practice is about, the measures taken and the figures reported.
TOPICS = {
    "digital-government": [
        "dịch vụ công trực tuyến toàn trình", "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "chữ ký số cho cán bộ, công chức", "phòng họp không giấy", "hệ thống quản lý văn bản và điều hành",
        "bộ phận một cửa điện tử", "thanh toán trực tuyến phí, lệ phí", "cơ sở dữ liệu hộ tịch điện tử",
        "phản ánh hiện trường qua ứng dụng di động", "tài khoản định danh điện tử VNeID",
    ],
    "digital-economy": [
        "đưa nông sản lên sàn thương mại điện tử", "thanh toán không dùng tiền mặt tại chợ truyền thống",
        "truy xuất nguồn gốc bằng mã QR", "hóa đơn điện tử cho hộ kinh doanh", "nền tảng đặt phòng trực tuyến",
        "quản lý kho và vận chuyển bằng phần mềm", "cảng biển thông minh", "sàn Postmart và Voso",
        "tiếp thị số cho sản phẩm OCOP", "nông nghiệp chính xác với cảm biến IoT",
    ],
    "digital-society": [
        "Tổ công nghệ số cộng đồng", "kỹ năng số cho người dân", "sổ sức khỏe điện tử",
        "học liệu số và lớp học trực tuyến", "khám bệnh bằng căn cước công dân gắn chip",
        "cảnh báo lừa đảo qua mạng", "Zalo OA của xã làm kênh thông tin chính thống",
        "thư viện số cho học sinh", "bình dân học vụ số", "an toàn thông tin cho người cao tuổi",
    ],
}
MEASURES = {
    "digital-government": [
        "rà soát, chuẩn hóa quy trình nội bộ của từng thủ tục hành chính trước khi đưa lên mạng",
        "cấp chữ ký số cho toàn bộ lãnh đạo và công chức chuyên môn",
        "số hóa hồ sơ lưu trữ từ năm 2015 đến nay, gắn mã cho từng hồ sơ",
        "bố trí máy tính, máy quét và nhân viên hướng dẫn tại bộ phận một cửa",
        "công khai tiến độ giải quyết hồ sơ trên Cổng Dịch vụ công của tỉnh",
        "nhắn tin tự động báo kết quả cho người dân qua Zalo",
        "tập huấn dịch vụ công trực tuyến cho trưởng ấp, khu phố",
        "kết nối, chia sẻ dữ liệu dân cư với Công an để giảm giấy tờ phải nộp",
        "đưa chỉ tiêu hồ sơ trực tuyến vào tiêu chí thi đua hằng tháng",
        "họp trực tuyến với các ấp, khu phố thay cho họp tập trung",
    ],
    "digital-economy": [
        "hướng dẫn hộ sản xuất mở gian hàng và chụp ảnh, viết mô tả sản phẩm",
        "gắn mã QR truy xuất nguồn gốc cho từng lô hàng",
        "phối hợp với ngân hàng lắp đặt mã QR thanh toán tại các sạp hàng",
        "xây dựng kho dữ liệu khách hàng và chăm sóc khách hàng qua mạng xã hội",
        "chuyển toàn bộ hóa đơn sang hóa đơn điện tử có mã của cơ quan thuế",
        "lắp đặt cảm biến độ ẩm và hệ thống tưới tự động điều khiển bằng điện thoại",
        "tổ chức livestream bán hàng vào cuối tuần với sự tham gia của hợp tác xã",
        "đào tạo nhân viên sử dụng phần mềm quản lý bán hàng trên điện thoại",
        "kết nối với các sàn thương mại điện tử lớn trong nước",
        "xây dựng trang thông tin giới thiệu sản phẩm bằng tiếng Việt và tiếng Anh",
    ],
    "digital-society": [
        "chọn mỗi ấp 3–5 đoàn viên có điện thoại thông minh làm thành viên tổ công nghệ số",
        "mở lớp kỹ năng số buổi tối tại nhà văn hóa ấp",
        "hướng dẫn người dân cài đặt VNeID và kích hoạt tài khoản định danh mức 2",
        "đăng cảnh báo các thủ đoạn lừa đảo qua mạng hằng tuần",
        "tạo sổ sức khỏe điện tử cho người cao tuổi và người có bệnh mạn tính",
        "số hóa học liệu, mở kho bài giảng trực tuyến cho học sinh",
        "đi đến từng hộ hướng dẫn thanh toán tiền điện, nước qua ứng dụng",
        "lập nhóm Zalo của ấp để trả lời câu hỏi của bà con",
        "phối hợp với nhà mạng hỗ trợ điện thoại thông minh cho hộ nghèo",
        "tổ chức cuộc thi tìm hiểu chuyển đổi số cho đoàn viên, hội viên",
    ],
}
OPENINGS = [
    "Năm {y0}, khi {place} bắt đầu đẩy mạnh chuyển đổi số, {problem}. {subject} nhận thấy nếu không thay đổi cách làm thì {risk}.",
    "Trước năm {y0}, {problem} ở {place}. Đây là điểm nghẽn mà {subject_lc} xác định phải tháo gỡ đầu tiên khi triển khai chương trình chuyển đổi số.",
    "Ở {place}, {problem}; người dân thường phải đi lại nhiều lần mới xong việc. {subject} coi đó là thước đo trực tiếp nhất của công cuộc chuyển đổi số tại địa phương.",
    "Khi tỉnh phát động phong trào “Thi đua thực hiện chuyển đổi số quốc gia”, {problem} tại {place}. {subject} đặt mục tiêu thay đổi điều này trong vòng hai năm.",
    "Đầu năm {y0}, khảo sát tại {place} cho thấy {problem}. Từ kết quả đó, {subject_lc} chọn {topic} làm việc trọng tâm.",
]
PROBLEMS = [
    "tỷ lệ hồ sơ nộp trực tuyến chỉ đạt khoảng {p1}%",
    "phần lớn người dân ở các ấp xa trung tâm chưa có tài khoản dịch vụ công",
    "nhiều hộ sản xuất nhỏ vẫn bán hàng qua thương lái, chưa biết bán hàng trên mạng",
    "hồ sơ giấy chất đầy kho lưu trữ, mỗi lần tra cứu mất hàng giờ",
    "người bệnh phải xếp hàng ở nhiều quầy, thời gian chờ có khi tới {h1} giờ",
    "chỉ khoảng {p1}% giao dịch được thanh toán không dùng tiền mặt",
    "đa số người cao tuổi chưa biết sử dụng điện thoại thông minh để làm thủ tục",
    "các thông tin chính thống của xã khó đến được với người dân, tin giả lan nhanh",
    "hơn {p2}% học sinh chưa có thiết bị và kỹ năng học trực tuyến",
]
RISKS = [
    "mục tiêu chuyển đổi số của địa phương khó đạt được",
    "người dân vẫn phải tốn thời gian, công sức đi lại",
    "sản phẩm địa phương sẽ tiếp tục bị ép giá",
    "khoảng cách số giữa thành thị và nông thôn sẽ ngày càng lớn",
]
ACTIONS = [
    "{subject} chủ động đề xuất giải pháp {topic}, bắt đầu từ những việc nhỏ, làm được ngay. Thay vì chờ đầu tư lớn, {subject_lc} tận dụng thiết bị và nhân lực sẵn có, phân công rõ người, rõ việc, rõ thời hạn và kiểm tra kết quả hằng tuần.",
    "Giải pháp được chọn là {topic}. {subject} xây dựng kế hoạch chi tiết, thí điểm tại {place_small} trong ba tháng, rút kinh nghiệm rồi mới nhân rộng ra toàn địa bàn. Mọi khó khăn phát sinh đều được ghi lại và xử lý ngay trong tuần.",
    "{subject} phối hợp với Sở Thông tin và Truyền thông, các doanh nghiệp viễn thông và đoàn viên thanh niên triển khai {topic}. Mỗi nhóm phụ trách một phần việc, có chỉ tiêu cụ thể và báo cáo tiến độ qua nhóm Zalo chung.",
    "Trọng tâm của cách làm là {topic}, gắn với nhu cầu thật của người dân và doanh nghiệp. {subject} lắng nghe phản ánh, sửa quy trình nhiều lần cho đến khi người lớn tuổi cũng tự làm được trên điện thoại.",
]
RESULTS = [
    "Sau {months} tháng, tỷ lệ hồ sơ trực tuyến tăng từ {p1}% lên {p3}%; hơn {k1} người dân đã được hướng dẫn sử dụng dịch vụ công trực tuyến mức độ toàn trình. Thời gian giải quyết một hồ sơ giảm trung bình {d1} ngày.",
    "Đến cuối năm {y}, đã có {k1} lượt người dân và {k2} hộ kinh doanh tham gia; {p3}% giao dịch được thanh toán không dùng tiền mặt. Doanh thu bán hàng trực tuyến của các hộ tham gia tăng khoảng {p2}% so với năm trước.",
    "Kết quả, {k2} hồ sơ lưu trữ được số hóa, {k1} lượt tra cứu được thực hiện trực tuyến thay vì đến trụ sở. Chi phí in ấn, văn phòng phẩm giảm khoảng {p2}%, thời gian chờ của người dân giảm từ {h1} giờ xuống dưới một giờ.",
    "Trong năm {y}, mô hình đã hỗ trợ {k1} người dân cài đặt và sử dụng ứng dụng số, trong đó có {k2} người cao tuổi. Số phản ánh về thủ tục hành chính giảm khoảng {p2}%, mức độ hài lòng của người dân đạt {p3}%.",
]
LESSONS = [
    "Theo {subject_lc}, bài học lớn nhất là chuyển đổi số trước hết là chuyển đổi nhận thức: người đứng đầu phải làm trước, cán bộ phải thành thạo trước rồi mới hướng dẫn được người dân.",
    "Kinh nghiệm rút ra là đo lường kết quả bằng số liệu thật ở từng khâu, công khai cho mọi người cùng thấy, nhờ đó ai cũng biết phần việc của mình trong trải nghiệm của người dân.",
    "Cách làm này không cần kinh phí lớn, có thể nhân rộng ở các địa phương khác trong tỉnh, kể cả những nơi còn khó khăn như các xã vùng sâu của huyện Xuyên Mộc, Châu Đức hay vùng biển Đất Đỏ.",
    "Điều quyết định thành công là sự đồng hành lâu dài: không chỉ tập huấn một lần mà có người hỗ trợ tại chỗ cho đến khi người dân, doanh nghiệp tự làm được.",
]
EXTRA = [
    "Nhiều địa phương trong tỉnh đã đến học tập cách làm, trong đó có các xã của huyện Xuyên Mộc, huyện Đất Đỏ và thị xã Phú Mỹ. Mô hình cũng được giới thiệu trên Cổng thông tin điện tử của tỉnh như một điển hình về chuyển đổi số ở cơ sở.",
    "Song song với việc ứng dụng công nghệ, công tác bảo đảm an toàn thông tin được chú trọng: dữ liệu được sao lưu định kỳ, tài khoản được phân quyền theo nhiệm vụ, mật khẩu được thay đổi theo quy định.",
    "Cán bộ, công chức và người lao động đều tham gia các khóa bồi dưỡng kỹ năng số, coi việc sử dụng thành thạo dịch vụ công, chữ ký số và phần mềm quản lý là nhiệm vụ thường xuyên.",
]
ACHIEVEMENTS = [
    "Hơn {k1} người dân được hướng dẫn sử dụng dịch vụ công trực tuyến.",
    "Tỷ lệ hồ sơ trực tuyến đạt {p3}% vào cuối năm {y}.",
    "{k2} hồ sơ, tài liệu được số hóa và đưa vào cơ sở dữ liệu dùng chung.",
    "{p3}% giao dịch thanh toán không dùng tiền mặt.",
    "Thời gian giải quyết thủ tục giảm trung bình {d1} ngày.",
    "{k2} hộ kinh doanh có gian hàng trên sàn thương mại điện tử.",
]
INITIATIVE_TITLES = [
    "Mô hình {topic} tại {place_small}", "Giải pháp {topic} gắn với cải cách hành chính",
    "Quy trình {topic} cho người dân vùng sâu, vùng xa", "Sáng kiến ứng dụng {topic} trong công tác chuyên môn",
    "Cách làm {topic} dựa vào lực lượng tại chỗ",
]
STEPS = [
    "Khảo sát thực trạng và nhu cầu của người dân, doanh nghiệp trên địa bàn.",
    "Thành lập tổ triển khai, phân công rõ người, rõ việc, rõ thời hạn.",
    "Thí điểm tại một đơn vị trong ba tháng, rút kinh nghiệm trước khi nhân rộng.",
    "Tập huấn cho cán bộ đầu mối và lực lượng hỗ trợ tại chỗ.",
    "Công khai kết quả hằng tháng, đưa chỉ tiêu vào tiêu chí thi đua.",
    "Kết nối với nhà mạng, ngân hàng và doanh nghiệp công nghệ để có thiết bị, giải pháp phù hợp.",
]
REQUIREMENTS = [
    "Một cán bộ đầu mối am hiểu công nghệ thông tin.",
    "Máy tính, máy quét và đường truyền internet ổn định.",
    "Kinh phí tập huấn khoảng 20–50 triệu đồng mỗi năm.",
    "Sự đồng thuận của cấp ủy, chính quyền và các đoàn thể.",
]
LINKS = [
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn"),
    ("Cổng thông tin điện tử tỉnh Bà Rịa – Vũng Tàu", "https://baria-vungtau.gov.vn"),
    ("Cổng Dịch vụ công tỉnh Bà Rịa – Vũng Tàu", "https://dichvucong.baria-vungtau.gov.vn"),
    ("Chương trình Chuyển đổi số quốc gia", "https://dx.gov.vn"),
]
CRITERIA = {
    "collective": ["3.1.a", "3.1.b", "3.1.c", "3.1.d"],
    "enterprise": ["3.2.a", "3.2.b", "3.2.c"],
    "individual": ["3.3.b", "3.3.c", "3.3.d"],
}
KIND_CYCLE = ("collective", "individual", "enterprise", "collective", "individual")  # 40/20/40


def _provincial(body: str) -> str:
    """A provincial body's full name: 'Công an tỉnh' -> 'Công an tỉnh Bà Rịa – Vũng Tàu'."""
    if body.endswith("Bà Rịa – Vũng Tàu"):
        return body
    if body.endswith(" tỉnh"):
        return body + " Bà Rịa – Vũng Tàu"
    return body + " " + PROVINCE


def slugify(text: str) -> str:
    """Lower-case ASCII slug: Vietnamese without diacritics (đ as d), words joined by '-'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: str = "  ") -> str:
    return "\n".join(indent + line if line else "" for line in text.split("\n"))


class _Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.names: set[str] = set()
        self.ids: set[str] = set()
        self.pairs: list[tuple[int, str]] = []

    def _pair(self) -> tuple[int, str]:
        # Every valid (year, locality) pair once per cycle of len(PAIRS) records,
        # so even small rolls cover all years and localities.
        if not self.pairs:
            self.pairs = PAIRS[:]
            self.rng.shuffle(self.pairs)
        return self.pairs.pop()

    def _unique_name(self, base: str, place: str, numbered: str = "{place} ({k})") -> str:
        # Same-named honorees are told apart as editors would: by place, then by a numeral.
        name = base
        if name.casefold() in self.names:
            name = f"{base} – {place}"
        k = 2
        while name.casefold() in self.names:
            name = f"{base} – " + numbered.format(place=place, k=k)
            k += 1
        self.names.add(name.casefold())
        return name

    def _unique_id(self, name: str) -> str:
        base = slugify(name)[:80].strip("-")
        rid, k = base, 2
        while rid in self.ids:
            rid = f"{base}-{k}"
            k += 1
        self.ids.add(rid)
        return rid

    def record(self, i: int) -> tuple[str, str]:
        r = self.rng
        kind = KIND_CYCLE[i % len(KIND_CYCLE)]
        year, locality = self._pair()
        _first, _last, district, communes = LOCALITIES[locality]
        commune = r.choice(communes) if communes else ""
        place = commune + ", " + district if commune else district
        place_small = commune or district
        short_place = re.sub(r"^(thị trấn|xã|phường|thành phố|thị xã|huyện) ", "", commune or district)
        if locality == "province":
            short_place = "cấp tỉnh"
            place = place_small = PROVINCE

        primary = PILLARS[i % 3]
        pillars = [primary] + [p for p in PILLARS if p != primary and r.random() < 0.3]
        pillars.sort(key=PILLARS.index)
        topic = r.choice(TOPICS[primary])

        lines: list[str] = ["# Synthetic benchmark record (fiction): never publish.", "status: recognised", f"kind: {kind}"]
        if kind == "individual":
            female = r.random() < 0.5
            base = " ".join((
                r.choice(SURNAMES),
                r.choice(MIDDLE_FEMALE if female else MIDDLE_MALE),
                r.choice(GIVEN_FEMALE if female else GIVEN_MALE),
            ))
            if locality == "province":
                unit = _provincial(r.choice(PROVINCIAL_BODIES))
            elif commune and r.random() < 0.5:
                unit = "UBND " + commune + ", " + district
            else:
                unit = r.choice(DISTRICT_OFFICES) + " " + district
            name = self._unique_name(base, short_place)
            subject = ("Chị " if female else "Anh ") + base.rsplit(" ", 1)[-1]
            subject_lc = ("chị " if female else "anh ") + base.rsplit(" ", 1)[-1]
            lines += [f"name: {q(name)}", f"position: {q(r.choice(POSITIONS))}", f"unit: {q(unit)}"]
        elif kind == "collective":
            if locality == "province":
                body = _provincial(r.choice(PROVINCIAL_BODIES))
                office = r.choice(PROVINCIAL_OFFICES) if r.random() < 0.6 else ""
                base = f"{office} {body}" if office else body
                parent = body if office else UBND_TINH
            elif commune and r.random() < 0.6:
                u = r.choice(COMMUNE_UNITS)
                if u.startswith("Trường") and r.random() < 0.5:
                    base = f"{u} {r.choice(SCHOOL_NAMES)}, {commune}, {district}"
                else:
                    base = f"{u} {commune}, {district}"
                parent = "UBND " + district
            else:
                base = r.choice(DISTRICT_OFFICES) + " " + district
                parent = "UBND " + district
            name = self._unique_name(base[0].upper() + base[1:], "cơ sở 2", numbered="cơ sở {k}")
            subject, subject_lc = "Tập thể đơn vị", "tập thể đơn vị"
            lines += [f"name: {q(name)}", f"parent_body: {q(parent)}"]
        else:
            form = r.choice(ENTERPRISE_FORMS)
            sector = r.choice(ENTERPRISE_SECTORS)
            base = f"{form} {sector} {r.choice(ENTERPRISE_BRANDS)}"
            name = self._unique_name(base, short_place)
            subject, subject_lc = "Doanh nghiệp", "doanh nghiệp"
            lines += [f"name: {q(name)}"]
        rid = self._unique_id(name)

        lines += [f"locality: {locality}", f"pillars: [{', '.join(pillars)}]", f"year: {year}"]
        month, day = r.randint(1, 12), r.randint(1, 28)
        award = r.choice(("giay-khen", "bang-khen", "bang-khen", "co-thi-dua", "giay-chung-nhan"))
        if year == 2025 and month >= 7:
            issuer = "Ủy ban nhân dân Thành phố Hồ Chí Minh"  # the province merged on 1 July 2025
        elif award in ("bang-khen", "co-thi-dua"):
            issuer = UBND_TINH
        elif award == "giay-chung-nhan":
            issuer = "Sở Thông tin và Truyền thông " + PROVINCE
        else:
            issuer = "Ủy ban nhân dân " + district if locality != "province" else "Sở Thông tin và Truyền thông " + PROVINCE
        lines += [
            "recognition:",
            f"  decision: {q(f'{r.randint(10, 4999)}/QĐ-UBND')}",
            f"  date: {year}-{month:02d}-{day:02d}",
            f"  issued_by: {q(issuer)}",
            f"  award: {award}",
        ]

        nums = {
            "y": year, "y0": max(2021, year - r.randint(0, 2)), "p1": r.randint(8, 35), "p2": r.randint(20, 70),
            "p3": r.randint(55, 98), "k1": f"{r.randint(1, 40)}.{r.randint(0, 999):03d}", "k2": r.randint(120, 900),
            "h1": r.randint(2, 4), "d1": r.randint(1, 5), "months": r.choice((6, 9, 12, 18)),
        }
        fill = dict(nums, place=place, place_small=place_small, topic=topic, subject=subject, subject_lc=subject_lc)
        fill["problem"] = r.choice(PROBLEMS).format(**fill)
        fill["risk"] = r.choice(RISKS)

        paragraphs = [r.choice(OPENINGS).format(**fill), r.choice(ACTIONS).format(**fill)]
        measures = r.sample(MEASURES[primary], r.randint(3, 5))
        if r.random() < 0.6:
            paragraphs.append("Các việc chính đã làm:\n\n" + "\n".join(f"- {m};" for m in measures))
        else:
            paragraphs.append("Cụ thể, " + subject_lc + " đã " + ", ".join(measures) + ".")
        paragraphs.append("**Kết quả.** " + r.choice(RESULTS).format(**fill))
        paragraphs.append(r.choice(LESSONS).format(**fill))
        extras = r.sample(EXTRA, len(EXTRA))
        while len(" ".join(paragraphs).split()) < 150 and extras:
            paragraphs.insert(-1, extras.pop())
        if r.random() < 0.2:
            paragraphs.append("Xem thêm hướng dẫn trên [Cổng Dịch vụ công quốc gia](https://dichvucong.gov.vn).")
        story = "\n\n".join(paragraphs)

        summary = (
            f"{name} triển khai {topic} tại {place}. "
            + r.choice(RESULTS).format(**fill).split(". ")[0].rstrip(".")
            + ", góp phần thực hiện thắng lợi phong trào thi đua chuyển đổi số."
        )
        lines += ["summary: >-", _block(summary), "story: |", _block(story)]

        lines.append("achievements:")
        lines += [f"  - {q(a.format(**fill))}" for a in r.sample(ACHIEVEMENTS, r.randint(2, 4))]

        initiatives = []
        if kind == "individual":  # criterion 3.3.a: one provincial/national, or two grassroots
            if r.random() < 0.5:
                initiatives.append(r.choice(("provincial", "provincial", "national")))
            else:
                initiatives += ["grassroots"] * r.randint(2, 3)
        elif r.random() < 0.4:
            initiatives.append(r.choice(("grassroots", "provincial")))
        if initiatives:
            lines.append("initiatives:")
            for level, title in zip(initiatives, r.sample(INITIATIVE_TITLES, len(initiatives))):
                title = title.format(**fill)
                by = {
                    "grassroots": "Hội đồng sáng kiến " + (district if locality != "province" else "Sở Thông tin và Truyền thông"),
                    "provincial": "Hội đồng sáng kiến " + PROVINCE,
                    "national": "Bộ Thông tin và Truyền thông",
                }[level]
                lines += [
                    f"  - title: {q(title[0].upper() + title[1:])}",
                    f"    level: {level}",
                    f"    recognised_by: {q(by)}",
                    f"    year: {year - r.randint(0, 2)}",
                ]
        crit = sorted(r.sample(CRITERIA[kind], r.randint(1, len(CRITERIA[kind]))))
        lines.append(f"criteria: [{', '.join(crit)}]")
        lines += ["replication:", "  steps:"]
        lines += [f"    - {q(s)}" for s in r.sample(STEPS, r.randint(2, 4))]
        if r.random() < 0.5:
            lines.append("  requirements:")
            lines += [f"    - {q(s)}" for s in r.sample(REQUIREMENTS, r.randint(1, 3))]
        org = unit if kind == "individual" else name
        lines += ["  contact:", f"    organisation: {q(org[:200])}"]
        if r.random() < 0.5:
            title, url = r.choice(LINKS)
            lines += ["links:", f"  - title: {q(title)}", f"    url: {url}"]
        return rid, "\n".join(lines) + "\n"


def generate(n: int, seed: int = 0):
    """Yield (id, YAML text) for n records."""
    gen = _Generator(seed)
    for i in range(n):
        yield gen.record(i)


def write_honorees(dest_dir: Path, n: int, seed: int = 0) -> None:
    """Write n valid, recognised synthetic honoree records into dest_dir as <id>.yml."""
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    for rid, text in generate(n, seed):
        (dest_dir / f"{rid}.yml").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write N synthetic recognised honoree records (benchmark data).")
    ap.add_argument("dest", type=Path, help="folder for the <id>.yml files (e.g. /tmp/x/data/honorees)")
    ap.add_argument("n", type=int, help="number of records")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    write_honorees(args.dest, args.n, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
