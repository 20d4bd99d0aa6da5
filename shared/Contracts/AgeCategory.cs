namespace Konomi.Contracts;

public enum AgeCategory
{
    AllAges,
    R15,
    Adult,
}
