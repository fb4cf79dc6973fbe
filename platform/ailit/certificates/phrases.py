"""The certificate PDF's fixed phrases and stage names in the six locales.

The PDF is rendered outside any web request (at issue time, by the command line, by benchmarks),
so its few fixed phrases live here as a table rather than in the UI message catalogues. Every
locale in :data:`ailit.locales.LOCALES` must have every key; a test checks it.
"""

from __future__ import annotations

from ailit.locales import DEFAULT_LOCALE

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "title": "Certificate of Completion",
        "certifies": "This certifies that",
        "completed": "has successfully completed the course",
        "stage": "Stage",
        "hours": "Learning hours",
        "issued_on": "Date of issue",
        "issued_by": "Issued by",
        "code": "Certificate code",
        "verify": "Check this certificate at",
        "scan": "Scan to verify",
    },
    "fr": {
        "title": "Certificat de réussite",
        "certifies": "Nous certifions que",
        "completed": "a suivi avec succès le cours",
        "stage": "Niveau",
        "hours": "Heures de formation",
        "issued_on": "Date de délivrance",
        "issued_by": "Délivré par",
        "code": "Code du certificat",
        "verify": "Vérifiez ce certificat sur",
        "scan": "Scannez pour vérifier",
    },
    "es": {
        "title": "Certificado de finalización",
        "certifies": "Se certifica que",
        "completed": "ha completado con éxito el curso",
        "stage": "Nivel",
        "hours": "Horas de aprendizaje",
        "issued_on": "Fecha de emisión",
        "issued_by": "Emitido por",
        "code": "Código del certificado",
        "verify": "Verifique este certificado en",
        "scan": "Escanee para verificar",
    },
    "ru": {
        "title": "Сертификат об окончании курса",
        "certifies": "Настоящим подтверждается, что",
        "completed": "успешно завершил(а) курс",
        "stage": "Уровень",
        "hours": "Часы обучения",
        "issued_on": "Дата выдачи",
        "issued_by": "Кем выдан",
        "code": "Код сертификата",
        "verify": "Проверить сертификат можно по адресу",
        "scan": "Отсканируйте для проверки",
    },
    "ar": {
        "title": "شهادة إتمام",
        "certifies": "نشهد بأنّ",
        "completed": "قد أتمّ/أتمّت بنجاح الدورة",
        "stage": "المرحلة",
        "hours": "ساعات التعلّم",
        "issued_on": "تاريخ الإصدار",
        "issued_by": "الجهة المُصدِرة",
        "code": "رمز الشهادة",
        "verify": "تحقّق من هذه الشهادة على",
        "scan": "امسح الرمز للتحقّق",
    },
    "zh": {
        "title": "结业证书",
        "certifies": "兹证明",
        "completed": "已顺利完成课程",
        "stage": "学段",
        "hours": "学习时数",
        "issued_on": "颁发日期",
        "issued_by": "颁发机构",
        "code": "证书编号",
        "verify": "在线验证本证书：",
        "scan": "扫码验证",
    },
}

STAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "primary": "Primary school",
        "lower-secondary": "Lower secondary school",
        "upper-secondary": "Upper secondary school",
        "higher-ed": "Higher education",
        "teacher-pd": "Teacher professional development",
        "older-learners": "Older learners",
    },
    "fr": {
        "primary": "École primaire",
        "lower-secondary": "Collège",
        "upper-secondary": "Lycée",
        "higher-ed": "Enseignement supérieur",
        "teacher-pd": "Formation continue des enseignants",
        "older-learners": "Apprenants seniors",
    },
    "es": {
        "primary": "Educación primaria",
        "lower-secondary": "Secundaria inferior",
        "upper-secondary": "Secundaria superior",
        "higher-ed": "Educación superior",
        "teacher-pd": "Formación continua del profesorado",
        "older-learners": "Personas mayores",
    },
    "ru": {
        "primary": "Начальная школа",
        "lower-secondary": "Основная школа",
        "upper-secondary": "Старшая школа",
        "higher-ed": "Высшее образование",
        "teacher-pd": "Повышение квалификации учителей",
        "older-learners": "Старшее поколение",
    },
    "ar": {
        "primary": "المرحلة الابتدائية",
        "lower-secondary": "المرحلة الإعدادية",
        "upper-secondary": "المرحلة الثانوية",
        "higher-ed": "التعليم العالي",
        "teacher-pd": "التطوير المهني للمعلّمين",
        "older-learners": "كبار السنّ",
    },
    "zh": {
        "primary": "小学",
        "lower-secondary": "初中",
        "upper-secondary": "高中",
        "higher-ed": "高等教育",
        "teacher-pd": "教师专业发展",
        "older-learners": "老年学习者",
    },
}



def phrases(locale: str) -> dict[str, str]:
    """The fixed phrases for ``locale`` (English for an unknown locale)."""
    return PHRASES.get(locale, PHRASES[DEFAULT_LOCALE])


def stage_name(stage: str, locale: str) -> str:
    """The stage's name in ``locale``; the stage id itself if it is unknown."""
    return STAGE_NAMES.get(locale, STAGE_NAMES[DEFAULT_LOCALE]).get(stage, stage)
